package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A sweep on a timer runs once per interval, one run at a time, and a failed run does not stop the next. */
class TimedSweepTests {

    private static final Duration EVERY = Duration.ofSeconds(10);

    @Test
    void theFirstRunIsOneIntervalAwayAndAFailedRunIsLeftToTheNextTick() {
        AtomicInteger runs = new AtomicInteger();

        StepVerifier.withVirtualTime(() -> TimedSweep.every(EVERY, () -> runs.incrementAndGet() == 2
                ? Mono.<Integer>error(new IllegalStateException("store away"))
                : Mono.just(runs.get()),
                LoggerFactory.getLogger(TimedSweepTests.class), "test sweep failed").take(2))
                .expectSubscription()
                .expectNoEvent(EVERY.minusMillis(1))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(1)
                .thenAwait(EVERY.multipliedBy(2))
                .expectNext(3)
                .verifyComplete();
    }

    @Test
    void aTickDuringALongRunWaitsForItAndTheTicksAfterThatAreDropped() {
        List<Integer> started = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();

        // run 1 (at 10 s) takes 35 s: the tick at 20 s waits and runs at 45 s, those at 30 s and 40 s are dropped,
        // and the tick at 50 s runs on time: three runs by 55 s, not two (no waiting) or five (nothing dropped)
        StepVerifier.withVirtualTime(() -> TimedSweep.every(EVERY, () -> {
            int run = runs.incrementAndGet();
            started.add(run);
            return Mono.delay(run == 1 ? Duration.ofSeconds(35) : Duration.ZERO).thenReturn(run);
        }, error -> Mono.empty()))
                .thenAwait(Duration.ofSeconds(55))
                .expectNext(1, 2, 3)
                .thenCancel()
                .verify();

        assertThat(started).containsExactly(1, 2, 3);
    }
}
