package uk.hallmonitor.monitoring;

import java.time.Duration;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One ShedLock lock per source, so that two instances never poll the same source at once. ShedLock's provider
 * blocks, so taking and releasing run on threads of their own, never on an event loop, and not on the shared
 * bounded elastic scheduler either: at its thread cap that scheduler queues work behind whatever blocks there,
 * which could be a caller waiting for this very poll. Lock times use ShedLock's own wall clock: locks must agree
 * between instances, whatever clock the domain logic is given.
 */
class SourceLocks implements AutoCloseable {

    private final LockProvider provider;
    private final Scheduler threads;

    SourceLocks(LockProvider provider, int maxThreads) {
        this.provider = provider;
        this.threads = Schedulers.newBoundedElastic(maxThreads, Integer.MAX_VALUE, "poll-locks", 60, true);
    }

    @Override
    public void close() {
        threads.dispose();
    }

    /** Runs the work while holding the named lock; empty without running it when another instance holds it. */
    <T> Mono<T> withLock(String name, Duration atMostFor, Supplier<Mono<T>> work) {
        return Mono.fromCallable(() -> provider.lock(
                        new LockConfiguration(ClockProvider.now(), name, atMostFor, Duration.ZERO)))
                .subscribeOn(threads)
                .flatMap(taken -> taken.map(lock -> Mono.usingWhen(Mono.just(lock), held -> work.get(),
                        this::release, (held, error) -> release(held), this::release))
                        .orElseGet(Mono::empty));
    }

    private Mono<Void> release(SimpleLock lock) {
        return Mono.fromRunnable(lock::unlock).subscribeOn(threads).then();
    }
}
