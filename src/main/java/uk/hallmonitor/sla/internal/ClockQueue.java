package uk.hallmonitor.sla.internal;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.system.SubscribedLoop;

/**
 * The SLA's own queue for the clock work its event listeners are handed, so a publisher never waits for a clock
 * (a poll's lock is never held by it). The queue is in memory: what a dying process loses, the sweep re-derives from
 * the stored posts ({@link ClockSweep#clockNewPosts}); starting a clock is idempotent, so doing it twice is harmless.
 */
@Component
class ClockQueue extends SubscribedLoop {

    private static final Logger log = LoggerFactory.getLogger(ClockQueue.class);
    private static final int CONCURRENCY = 16;

    /** One queued piece of clock work, and what it is about (for the log). */
    private record Work(String about, Supplier<Mono<?>> task) {
    }

    // a new queue at every start: a unicast sink takes one subscriber, and a stopped service may be started again
    private volatile Sinks.Many<Work> queue = Sinks.many().unicast().onBackpressureBuffer();

    /** Queues the work; returns at once. Work queued before the start or after the stop is left to the sweep. */
    void add(String about, Supplier<Mono<?>> task) {
        if (!isRunning()) {
            return;
        }
        Sinks.Many<Work> current = queue;
        synchronized (current) {
            current.tryEmitNext(new Work(about, task));
        }
    }

    @Override
    protected Disposable subscribe() {
        Sinks.Many<Work> fresh = Sinks.many().unicast().onBackpressureBuffer();
        queue = fresh;
        return fresh.asFlux()
                .flatMap(work -> Mono.defer(work.task()).then()
                        .onErrorResume(error -> {
                            log.warn("{} not clocked this time, the sweep retries: {}", work.about(), error.toString());
                            return Mono.empty();
                        }), CONCURRENCY)
                .subscribe();
    }

    /** Starts before monitoring's announcer and stops after it, so no announcement finds the queue closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }
}
