package uk.hallmonitor.system.store;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** Applies every module's {@link StoreIndexes} while the context starts (blocking here is fine: no request yet). */
@Component
class IndexesAtStart implements SmartInitializingSingleton {

    private final ReactiveMongoTemplate mongo;
    private final List<StoreIndexes> indexes;

    IndexesAtStart(ReactiveMongoTemplate mongo, List<StoreIndexes> indexes) {
        this.mongo = mongo;
        this.indexes = indexes;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Flux.fromIterable(indexes).concatMap(plan -> plan.ensure(mongo)).then().block(Duration.ofMinutes(2));
    }
}
