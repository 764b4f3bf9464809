package uk.hallmonitor.system.events;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.ResolvableType;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes domain events to the {@link DomainEventListener}s of their type, in order, and completes when all have.
 * A failing listener is logged and does not stop the others or fail the publisher: the publisher's own change is
 * already stored, and each listener recovers its work from the store.
 */
@Component
public class DomainEvents {

    private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);

    private final ObjectProvider<DomainEventListener<?>> listeners;

    public DomainEvents(ObjectProvider<DomainEventListener<?>> listeners) {
        this.listeners = listeners;
    }

    public Mono<Void> publish(Object event) {
        List<DomainEventListener<?>> matching = listeners.orderedStream()
                .filter(listener -> accepts(listener, event))
                .toList();
        return Flux.fromIterable(matching)
                .concatMap(listener -> deliver(listener, event))
                .then();
    }

    @SuppressWarnings("unchecked")
    private static Mono<Void> deliver(DomainEventListener<?> listener, Object event) {
        return Mono.defer(() -> ((DomainEventListener<Object>) listener).on(event))
                .onErrorResume(error -> {
                    log.warn("listener {} failed on {}: {}", listener.getClass().getSimpleName(),
                            event.getClass().getSimpleName(), error.toString());
                    return Mono.empty();
                });
    }

    private static boolean accepts(DomainEventListener<?> listener, Object event) {
        Class<?> type = ResolvableType.forClass(listener.getClass()).as(DomainEventListener.class).resolveGeneric(0);
        return type != null && type.isInstance(event);
    }
}
