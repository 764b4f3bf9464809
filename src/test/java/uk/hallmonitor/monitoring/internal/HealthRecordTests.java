package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.connectors.ConnectorException.Kind;

class HealthRecordTests {

    static final Instant T0 = Instant.parse("2026-11-16T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void aConnectionFailingForLongerThanAllowedIsReportedOncePerEpisode() {
        HealthRecord health = HealthRecord.fresh().succeeded(T0, List.of())
                .failed(T0.plusSeconds(60), Kind.TRANSIENT, "503", HOUR);
        assertThat(health.state()).isEqualTo(HealthRecord.DEGRADED);
        assertThat(health.needsAlert()).isFalse();

        health = health.failed(T0.plus(Duration.ofMinutes(61)), Kind.TRANSIENT, "503", HOUR);
        assertThat(health.state()).isEqualTo(HealthRecord.FAILING);
        assertThat(health.failingSince()).isEqualTo(T0.plusSeconds(60));
        assertThat(health.needsAlert()).isTrue();

        health = health.alerted().failed(T0.plus(Duration.ofMinutes(90)), Kind.TRANSIENT, "503", HOUR);
        assertThat(health.needsAlert()).isFalse();
        assertThat(health.consecutiveFailures()).isEqualTo(3);

        health = health.succeeded(T0.plus(Duration.ofMinutes(95)), List.of());
        assertThat(health.state()).isEqualTo(HealthRecord.OK);
        assertThat(health.consecutiveFailures()).isZero();
        assertThat(health.alertedSince()).isNull();

        health = health.failed(T0.plus(Duration.ofMinutes(100)), Kind.UNAUTHORIZED, "401 token revoked", HOUR);
        assertThat(health.needsAlert()).as("a new episode is reported again").isTrue();
        assertThat(health.forRegister().state()).isEqualTo("UNAUTHORIZED");
        assertThat(health.forRegister().lastError()).isEqualTo("UNAUTHORIZED: 401 token revoked");
    }

    @Test
    void repairedBatchesAreRecordedOnASuccessfulConnection() {
        HealthRecord health = HealthRecord.fresh().succeeded(T0, List.of("2 duplicate post id(s) in one batch merged"))
                .succeeded(T0.plusSeconds(60), List.of());

        assertThat(health.state()).isEqualTo(HealthRecord.OK);
        assertThat(health.warnings()).containsExactly("2 duplicate post id(s) in one batch merged");
        assertThat(health.lastWarningAt()).isEqualTo(T0);
        assertThat(health.warningsTotal()).isEqualTo(1);
    }
}
