package uk.hallmonitor.accounts.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** One account per approved application; accounts found by school, status and runner. */
@Component
class AccountsIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var ops = mongo.indexOps(AccountDocument.class);
        return ops.createIndex(new Index("applicationId", Sort.Direction.ASC).unique().named("application_unique"))
                .then(ops.createIndex(new Index("schoolId", Sort.Direction.ASC).on("status", Sort.Direction.ASC)))
                .then(ops.createIndex(new Index("runnerIds", Sort.Direction.ASC)))
                // the pollers' "every active account", across schools
                .then(ops.createIndex(new Index("status", Sort.Direction.ASC)))
                // the register across schools, in the order it is shown
                .then(ops.createIndex(new Index("platform", Sort.Direction.ASC).on("handle", Sort.Direction.ASC)))
                .then();
    }
}
