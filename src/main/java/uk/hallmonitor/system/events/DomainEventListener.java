package uk.hallmonitor.system.events;

import reactor.core.publisher.Mono;

/**
 * Reacts to one type of domain event published through {@link DomainEvents}. The publisher waits for every
 * listener, so a listener that must not slow the publisher hands its work to a queue of its own.
 *
 * <p>Events are a fast path, not the record: a listener's work must also be recoverable from the store (for
 * example a sweep of items not yet processed), because an in-process event is gone if the process dies.
 */
@FunctionalInterface
public interface DomainEventListener<E> {

    Mono<Void> on(E event);
}
