package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.util.Date;
import java.util.function.Supplier;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

    static final String COLLECTION = "shedLock";

    private final LockProvider provider;
    private final ReactiveMongoTemplate mongo;
    private final Scheduler threads;

    SourceLocks(LockProvider provider, ReactiveMongoTemplate mongo, int maxThreads) {
        this.provider = provider;
        this.mongo = mongo;
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
                        held -> release(held, name), (held, error) -> release(held, name),
                        held -> release(held, name)))
                        .orElseGet(Mono::empty));
    }

    private Mono<Void> release(SimpleLock lock, String name) {
        return Mono.fromRunnable(lock::unlock).subscribeOn(threads).then(forget(name));
    }

    /**
     * Removes the released lock's record unless someone holds it again, so the {@code shedLock} collection holds
     * only locks in use: ShedLock's lock query is one the embedded server answers by scanning the collection, and
     * one record per source ever polled would make every lock cost as much as the number of sources.
     */
    private Mono<Void> forget(String name) {
        return Mono.defer(() -> mongo.remove(
                Query.query(Criteria.where("_id").is(name).and("lockUntil").lte(new Date())), COLLECTION))
                .onErrorResume(error -> Mono.empty()).then();
    }
}
