package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import uk.hallmonitor.MutableClock;

/**
 * How many account polls per minute one instance sustains against a fake platform that answers in 50 ms: the
 * whole application (ShedLock lock, cursor read, posts upserted and announced, cursor moved, lock released) on
 * the in-memory MongoDB-speaking server. Not a test (surefire skips {@code *Benchmark*}); run by hand:
 *
 * <pre>
 * mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) uk.hallmonitor.monitoring.internal.PollingBenchmark \
 *      [accounts=10000] [concurrency=128] [rounds=3] [postsPerPoll=1]
 * </pre>
 *
 * Every round makes every account due (the test clock jumps past the cadence) and polls them all; the figure is
 * polls completed divided by the wall time of the measured rounds (the first round, which also creates the
 * cursors, is reported separately).
 */
public final class PollingBenchmark {

    private PollingBenchmark() {
    }

    public static void main(String[] args) {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int perPoll = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        FakePlatform platform = new FakePlatform();
        platform.latency = Duration.ofMillis(50);
        platform.perPoll = perPoll;
        platform.feedLength = Integer.MAX_VALUE;
        FakeRegister register = new FakeRegister();
        for (int i = 0; i < accounts; i++) {
            register.add("bench" + i, "school" + (i % 50));
        }
        MutableClock clock = new MutableClock(Instant.parse("2026-11-16T10:00:00Z"));
        System.out.printf("accounts=%d concurrency=%d postsPerPoll=%d cores=%d%n", accounts, concurrency, perPoll,
                Runtime.getRuntime().availableProcessors());
        try (MonitoringInstance.SharedStore store = new MonitoringInstance.SharedStore();
             MonitoringInstance app = MonitoringInstance.start(store, platform, register, clock, null,
                     "--hallmonitor.monitoring.concurrency=" + concurrency,
                     "--logging.level.root=warn")) {
            long polled = 0;
            long nanos = 0;
            for (int round = 0; round <= rounds; round++) {
                clock.advance(Duration.ofMinutes(2));
                long start = System.nanoTime();
                PollDispatcher.Round result = app.round();
                long took = System.nanoTime() - start;
                int ok = result.count(PollOutcome.POLLED);
                System.out.printf(Locale.ROOT, "round %d%s: %d due, %s in %.1f s = %.0f polls/minute%n", round,
                        round == 0 ? " (creates cursors)" : "", result.due(), result.outcomes(), took / 1e9,
                        ok * 60e9 / took);
                if (round > 0) {
                    polled += ok;
                    nanos += took;
                }
            }
            System.out.printf(Locale.ROOT,
                    "sustained: %.0f account polls/minute over %d rounds (%d polls, %d fetches)%n",
                    polled * 60e9 / nanos, rounds, polled, platform.calls.get());
        }
        System.exit(0);
    }
}
