package uk.hallmonitor.applications.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** Applications are listed per school and status, and per applicant ("my applications"), newest first. */
@Component
class ApplicationsIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        return mongo.indexOps(AccountApplication.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("updatedAt", Sort.Direction.DESC))
                .then(mongo.indexOps(AccountApplication.class).createIndex(new Index("applicantId", Sort.Direction.ASC)
                        .on("updatedAt", Sort.Direction.DESC)))
                .then();
    }
}
