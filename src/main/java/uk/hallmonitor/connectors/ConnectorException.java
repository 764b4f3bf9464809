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
    private final boolean gone;

    public ConnectorException(Kind kind, String message, Duration retryAfter) {
        this(kind, message, retryAfter, false);
    }

    private ConnectorException(Kind kind, String message, Duration retryAfter, boolean gone) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.gone = gone;
    }

    /**
     * The platform answered that what was asked for does not exist (HTTP 404 or 410, Graph error 100/33, YouTube's
     * {@code commentNotFound}). To a poll that is a setting to fix ({@link Kind#MISCONFIGURED}); to a moderator's
     * hide or delete it means the post was already deleted on the platform.
     */
    public static ConnectorException notFound(String message) {
        return new ConnectorException(Kind.MISCONFIGURED, message, null, true);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the platform said the thing asked for does not exist (see {@link #notFound}). */
    public boolean notFoundOnPlatform() {
        return gone;
    }

    /** How long the platform asked us to wait, or {@code null}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
