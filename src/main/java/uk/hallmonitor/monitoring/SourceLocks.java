package uk.hallmonitor.monitoring;

import java.time.Duration;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One ShedLock lock per source, so that two instances never poll the same source at once. ShedLock's provider
 * blocks, so taking and releasing run on the bounded elastic scheduler, never on an event loop. Lock times use
 * ShedLock's own wall clock: locks must agree between instances, whatever clock the domain logic is given.
 */
class SourceLocks {

    private final LockProvider provider;

    SourceLocks(LockProvider provider) {
        this.provider = provider;
    }

    /** Runs the work while holding the named lock; empty without running it when another instance holds it. */
    <T> Mono<T> withLock(String name, Duration atMostFor, Supplier<Mono<T>> work) {
        return Mono.fromCallable(() -> provider.lock(
                        new LockConfiguration(ClockProvider.now(), name, atMostFor, Duration.ZERO)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(taken -> taken.map(lock -> Mono.usingWhen(Mono.just(lock), held -> work.get(),
                        SourceLocks::release, (held, error) -> release(held), SourceLocks::release))
                        .orElseGet(Mono::empty));
    }

    private static Mono<Void> release(SimpleLock lock) {
        return Mono.fromRunnable(lock::unlock).subscribeOn(Schedulers.boundedElastic()).then();
    }
}
