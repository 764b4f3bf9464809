package uk.hallmonitor.system;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A module's sweep run on a timer inside the process, one run at a time: a tick that comes while a run is under way
 * waits for it, further ticks are dropped, and a failed run is left to the next tick (each sweep reads what is due
 * from the store, so a missed run loses nothing).
 */
public final class TimedSweep {

    private TimedSweep() {
    }

    /** Runs {@code sweep} every {@code every}, the first time one interval from now; a failure is logged as a warning. */
    public static <T> Flux<T> every(Duration every, Supplier<? extends Mono<T>> sweep, Logger log, String failure) {
        return every(every, sweep, error -> {
            log.warn("{}: {}", failure, error.toString());
            return Mono.empty();
        });
    }

    /** Runs {@code sweep} every {@code every}, the first time one interval from now; {@code failed} answers a failure. */
    public static <T> Flux<T> every(Duration every, Supplier<? extends Mono<T>> sweep,
                                    Function<Throwable, Mono<T>> failed) {
        return every(every, sweep, failed, Schedulers.parallel());
    }

    /** The same on the given timer (tests pass a virtual-time scheduler of their own, never the global one). */
    static <T> Flux<T> every(Duration every, Supplier<? extends Mono<T>> sweep, Function<Throwable, Mono<T>> failed,
                             Scheduler timer) {
        return Flux.interval(every, every, timer)
                .onBackpressureDrop()
                .concatMap(tick -> sweep.get().onErrorResume(failed), 1);
    }
}
