package uk.hallmonitor.audit.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** The chain's sequence is unique: two instances can never write the same link. */
@Component
class AuditIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var ops = mongo.indexOps(AuditEntry.class);
        return ops.createIndex(new Index("seq", Sort.Direction.ASC).unique().named("seq_unique"))
                .then(ops.createIndex(new Index("schoolId", Sort.Direction.ASC).on("seq", Sort.Direction.DESC)))
                .then(ops.createIndex(new Index("subjectId", Sort.Direction.ASC)))
                // "who has seen this person's data": entries by the pseudonym of the person
                .then(ops.createIndex(new Index("subjects", Sort.Direction.ASC).sparse()))
                .then();
    }
}
