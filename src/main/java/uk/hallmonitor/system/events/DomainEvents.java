package uk.hallmonitor.system.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes domain events to the {@link DomainEventListener}s of their type, all at once, and completes when all have
 * (or a listener's time ran out).
 * A failing listener is logged and does not stop the others or fail the publisher: the publisher's own change is
 * already stored, and each listener recovers its work from the store.
 */
@Component
public class DomainEvents {

    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);
    /** A listener that has not finished by then is logged and left behind; its own sweep recovers the work. */
    private static final java.time.Duration LISTENER_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final ListableBeanFactory beans;
    private final Map<Class<?>, List<DomainEventListener<?>>> byType = new ConcurrentHashMap<>();

    public DomainEvents(ListableBeanFactory beans) {
        this.beans = beans;
    }

    public Mono<Void> publish(Object event) {
        // resolved from the bean definitions, so listeners declared as lambdas in @Bean methods are found too
        List<DomainEventListener<?>> matching = byType.computeIfAbsent(event.getClass(), type -> {
            String[] names = beans.getBeanNamesForType(
                    ResolvableType.forClassWithGenerics(DomainEventListener.class, type));
            List<DomainEventListener<?>> found = new ArrayList<>();
            for (String name : names) {
                found.add((DomainEventListener<?>) beans.getBean(name));
            }
            return List.copyOf(found);
        });
        // listeners are independent: each runs at once, so a slow one cannot hold back the others
        return Flux.fromIterable(matching)
                .flatMap(listener -> deliver(listener, event))
                .then();
    }

    @SuppressWarnings("unchecked")
    private static Mono<Void> deliver(DomainEventListener<?> listener, Object event) {
        return Mono.defer(() -> ((DomainEventListener<Object>) listener).on(event))
                .timeout(LISTENER_TIMEOUT)
                .onErrorResume(error -> {
                    log.warn("listener {} failed on {}: {}", listener.getClass().getSimpleName(),
                            event.getClass().getSimpleName(), error.toString());
                    return Mono.empty();
                });
    }
}
