package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.DoubleSupplier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.Source;

/**
 * When each source is polled next: its cadence after a success (never sooner than the platform asked), exponential
 * back-off with jitter after transient failures, a long pause after refused credentials, and the next UTC day once
 * the daily read budget is spent.
 */
record Cadence(MonitoringProperties properties, DoubleSupplier random) {

    /** Jitter spreads retries of many sources that failed together over ±20% of the delay. */
    private static final double JITTER = 0.2;
    /** Backoff doubles at most this many times before {@code backoffMax} caps it anyway. */
    private static final int MAX_DOUBLINGS = 30;

    Duration interval(Source source) {
        return source.isWatch() ? properties.watchInterval(source.platform())
                : properties.accountInterval(source.id(), source.platform());
    }

    Instant afterSuccess(Source source, Instant now, Duration retryAfter) {
        return now.plus(atLeast(interval(source), retryAfter));
    }

    Instant afterFailure(Source source, Instant now, ConnectorException.Kind kind, Duration retryAfter,
                         int consecutiveFailures) {
        Duration delay = switch (kind) {
            case RATE_LIMITED -> retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()
                    ? retryAfter : jittered(backoff(consecutiveFailures));
            case UNAUTHORIZED, MISCONFIGURED, UNSUPPORTED ->
                    jittered(atLeast(properties.unauthorizedRetry(), backoff(consecutiveFailures)));
            case TRANSIENT, MALFORMED -> atLeast(jittered(backoff(consecutiveFailures)), retryAfter);
        };
        return now.plus(atLeast(delay, interval(source)));
    }

    /** The start of the next UTC day, plus a little jitter so that sources do not all wake at midnight. */
    Instant nextDay(Instant now) {
        Instant midnight = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return midnight.plus(Duration.ofMillis((long) (random.getAsDouble() * 60_000)));
    }

    Duration backoff(int consecutiveFailures) {
        int doublings = Math.max(0, Math.min(MAX_DOUBLINGS, consecutiveFailures - 1));
        Duration max = properties.backoffMax();
        long initial = properties.backoffInitial().toMillis();
        long millis = initial << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    private Duration jittered(Duration delay) {
        double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
        return Duration.ofMillis((long) (delay.toMillis() * factor)).truncatedTo(ChronoUnit.MILLIS);
    }

    private static Duration atLeast(Duration delay, Duration floor) {
        return floor != null && floor.compareTo(delay) > 0 ? floor : delay;
    }
}
