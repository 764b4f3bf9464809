package uk.hallmonitor.incidents;

import java.time.Duration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Creates the incident log's indexes at start: the unique source key makes opening idempotent. */
@Component
class IncidentIndexes implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;

    IncidentIndexes(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Flux.concat(
                        mongo.indexOps(Incident.class).createIndex(new Index("sourceKey", Sort.Direction.ASC).unique()),
                        mongo.indexOps(Incident.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                                .on("createdAt", Sort.Direction.DESC)))
                .then().block(Duration.ofMinutes(1));
    }
}
