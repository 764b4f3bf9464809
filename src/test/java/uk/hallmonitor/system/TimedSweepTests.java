package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A sweep on a timer runs once per interval, one run at a time, and a failed run does not stop the next.
 * <p>
 * The virtual clock is this class's own scheduler, handed to the sweep: {@code StepVerifier.withVirtualTime} would
 * install it for the whole JVM and, on the way, shut down Reactor's shared schedulers under the Spring contexts that
 * other test classes keep running (their requests then hung for a minute in the clean-clone runs).
 */
class TimedSweepTests {

    private static final Duration EVERY = Duration.ofSeconds(10);

    private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
    private Disposable running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.dispose();
        }
        time.dispose();
    }

    @Test
    void theFirstRunIsOneIntervalAwayAndAFailedRunIsLeftToTheNextTick() {
        AtomicInteger runs = new AtomicInteger();
        List<Integer> seen = new ArrayList<>();
        running = TimedSweep.every(EVERY, () -> runs.incrementAndGet() == 2
                ? Mono.<Integer>error(new IllegalStateException("store away"))
                : Mono.just(runs.get()),
                error -> {
                    LoggerFactory.getLogger(TimedSweepTests.class).warn("test sweep failed: {}", error.toString());
                    return Mono.empty();
                }, time).subscribe(seen::add);

        time.advanceTimeBy(EVERY.minusMillis(1));
        assertThat(seen).isEmpty();
        time.advanceTimeBy(Duration.ofMillis(1));
        assertThat(seen).containsExactly(1);
        time.advanceTimeBy(EVERY.multipliedBy(2));
        assertThat(seen).as("the failed second run is skipped, the third comes on its tick").containsExactly(1, 3);
        assertThat(runs).hasValue(3);
    }

    @Test
    void aTickDuringALongRunWaitsForItAndTheTicksAfterThatAreDropped() {
        List<Integer> started = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();

        // run 1 (at 10 s) takes 35 s: the tick at 20 s waits and runs at 45 s, those at 30 s and 40 s are dropped,
        // and the tick at 50 s runs on time: three runs by 55 s, not two (no waiting) or five (nothing dropped)
        running = TimedSweep.every(EVERY, () -> {
            int run = runs.incrementAndGet();
            started.add(run);
            return Mono.delay(run == 1 ? Duration.ofSeconds(35) : Duration.ZERO, time).thenReturn(run);
        }, error -> Mono.<Integer>empty(), time).subscribe(finished::add);

        time.advanceTimeBy(Duration.ofSeconds(55));

        assertThat(finished).containsExactly(1, 2, 3);
        assertThat(started).containsExactly(1, 2, 3);
    }
}
