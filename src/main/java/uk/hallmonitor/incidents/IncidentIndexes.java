package uk.hallmonitor.incidents;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** The incident log's indexes: the unique source key makes opening idempotent. */
@Component
class IncidentIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        return Flux.concat(
                mongo.indexOps(Incident.class).createIndex(new Index("sourceKey", Sort.Direction.ASC).unique()),
                mongo.indexOps(Incident.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)))
                .then();
    }
}
