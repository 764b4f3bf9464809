package uk.hallmonitor.system.store;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * A module's indexes. Every bean of this type is applied once at start, before the service takes requests, so the
 * unique indexes that make writes idempotent are in place from the first request.
 */
@FunctionalInterface
public interface StoreIndexes {

    Mono<Void> ensure(ReactiveMongoTemplate mongo);
}
