package uk.hallmonitor.system.store;

import java.time.Duration;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The store answers a ping: works on real MongoDB and on the embedded server (which lacks {@code hello}). */
@Component("store")
class StoreHealth implements ReactiveHealthIndicator {

    private final ReactiveMongoTemplate mongo;

    StoreHealth(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Health> health() {
        return mongo.executeCommand(new Document("ping", 1))
                .map(answer -> Health.up().build())
                .timeout(Duration.ofSeconds(5))
                .onErrorResume(e -> Mono.just(Health.down().withDetail("error", e.getClass().getSimpleName()).build()));
    }
}
