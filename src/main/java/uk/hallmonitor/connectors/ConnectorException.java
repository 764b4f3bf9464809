package uk.hallmonitor.connectors;

import java.time.Duration;

/** Why a poll or an action on a platform failed, in terms the poller can act on. Messages never carry secrets. */
public class ConnectorException extends RuntimeException {

    /** What kind of failure, deciding retry and alerting. */
    public enum Kind {
        /** 401/403 or a revoked token: alert the administrators, do not hammer. */
        UNAUTHORIZED,
        /** 429 or an exhausted rate limit: wait {@link #retryAfter()}. */
        RATE_LIMITED,
        /** 5xx, timeouts, connection failures: back off with jitter. */
        TRANSIENT,
        /** Bodies we cannot read, too large, or missing required fields. */
        MALFORMED,
        /** Missing settings or secrets. */
        MISCONFIGURED,
        /** The platform does not offer this. */
        UNSUPPORTED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public ConnectorException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the platform asked us to wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
