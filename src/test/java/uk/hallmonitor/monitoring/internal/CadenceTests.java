package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

class CadenceTests {

    static final Instant NOW = Instant.parse("2026-11-16T10:00:00Z");
    static final Source ACCOUNT = new Source("a1", "s1", Platform.X, "42", "@school", List.of(), Map.of(), 100);
    static final Source OTHER = new Source("a2", "s1", Platform.MASTODON, "7", "@school", List.of(), Map.of(), 100);
    static final Source WATCH = new Source("w1", "s1", Platform.X, null, null, List.of("Hill"), Map.of(), 100);

    static MonitoringProperties properties() {
        return new MonitoringProperties(true, Duration.ofMinutes(1), Map.of(Platform.X, Duration.ofMinutes(2)),
                Map.of("a1", Duration.ofSeconds(30)), Duration.ofMinutes(10), null, null, null, null, null, null,
                Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofMinutes(15), Duration.ofHours(1));
    }

    /** No jitter: the random source sits in the middle. */
    final Cadence cadence = new Cadence(properties(), () -> 0.5);

    @Test
    void intervalsComeFromTheAccountThenThePlatformThenTheDefault() {
        assertThat(cadence.interval(ACCOUNT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(cadence.interval(OTHER)).isEqualTo(Duration.ofMinutes(1));
        assertThat(cadence.interval(WATCH)).isEqualTo(Duration.ofMinutes(10));
        assertThat(new Cadence(MonitoringProperties.defaults(), () -> 0.5).interval(WATCH))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aSuccessWaitsTheIntervalOrWhatThePlatformAskedIfLonger() {
        assertThat(cadence.afterSuccess(OTHER, NOW, null)).isEqualTo(NOW.plusSeconds(60));
        assertThat(cadence.afterSuccess(OTHER, NOW, Duration.ofMinutes(15))).isEqualTo(NOW.plusSeconds(900));
        assertThat(cadence.afterSuccess(OTHER, NOW, Duration.ofSeconds(5))).isEqualTo(NOW.plusSeconds(60));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # failures in a row, expected back-off without jitter
            1,  PT1M
            2,  PT1M
            3,  PT2M
            5,  PT8M
            6,  PT16M
            7,  PT30M
            60, PT30M
            """)
    void transientFailuresBackOffExponentiallyUpToTheCapButNeverSoonerThanTheInterval(int failures, Duration wait) {
        assertThat(cadence.afterFailure(OTHER, NOW, Kind.TRANSIENT, null, failures)).isEqualTo(NOW.plus(wait));
    }

    @Test
    void jitterSpreadsRetriesWithinTwentyPercent() {
        Cadence low = new Cadence(properties(), () -> 0.0);
        Cadence high = new Cadence(properties(), () -> 0.999999);

        assertThat(low.afterFailure(OTHER, NOW, Kind.TRANSIENT, null, 6)).isEqualTo(NOW.plus(Duration.ofMinutes(16)
                .multipliedBy(8).dividedBy(10)));
        assertThat(high.afterFailure(OTHER, NOW, Kind.TRANSIENT, null, 6))
                .isBetween(NOW.plus(Duration.ofSeconds(1150)), NOW.plus(Duration.ofSeconds(1152)));
    }

    @Test
    void aRateLimitWaitsAsLongAsThePlatformSays() {
        assertThat(cadence.afterFailure(OTHER, NOW, Kind.RATE_LIMITED, Duration.ofMinutes(15), 1))
                .isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(cadence.afterFailure(OTHER, NOW, Kind.TRANSIENT, Duration.ofMinutes(7), 1))
                .isEqualTo(NOW.plus(Duration.ofMinutes(7)));
    }

    @Test
    void refusedCredentialsWaitLongerThanTransientFailures() {
        assertThat(cadence.afterFailure(OTHER, NOW, Kind.UNAUTHORIZED, null, 1))
                .isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(cadence.afterFailure(OTHER, NOW, Kind.MISCONFIGURED, null, 7))
                .isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void aSpentDailyBudgetWaitsForTheNextUtcDay() {
        assertThat(cadence.nextDay(Instant.parse("2026-11-16T23:59:00Z")))
                .isEqualTo(Instant.parse("2026-11-17T00:00:30Z"));
    }
}
