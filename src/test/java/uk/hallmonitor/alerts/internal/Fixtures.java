package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import java.time.Instant;

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
}
