package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** Small builders shared by the alerts unit tests. */
final class Fixtures {

    static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private Fixtures() {
    }

    static AlertsProperties properties() {
        return new AlertsProperties("hm@school.example", "https://hm.example/queue/", Duration.ofSeconds(1),
                Duration.ofSeconds(60), Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMinutes(10), 4,
                Duration.ofHours(1), 3, false);
    }
    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(NOON);

        void advance(Duration by) {
            now.updateAndGet(t -> t.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
