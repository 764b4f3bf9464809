package uk.hallmonitor.schools.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** Usernames are unique; tokens are found by hash; staff are listed per school. */
@Component
class SchoolsIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var staff = mongo.indexOps(StaffDocument.class);
        return staff.createIndex(new Index("username", Sort.Direction.ASC).unique().named("username_unique"))
                .then(staff.createIndex(new Index("apiTokens.hash", Sort.Direction.ASC).sparse()))
                .then(staff.createIndex(new Index("schoolId", Sort.Direction.ASC).on("roles", Sort.Direction.ASC)))
                .then();
    }
}
