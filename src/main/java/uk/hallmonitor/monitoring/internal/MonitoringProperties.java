package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import uk.hallmonitor.system.Platform;

/**
 * How often and how hard sources are polled. Defaults live here; {@code scheduler/schedule.yml} and the environment
 * ({@code HALLMONITOR_POLL_INTERVAL}) override them.
 */
@ConfigurationProperties("hallmonitor.monitoring")
public record MonitoringProperties(
        /** Whether the Quartz dispatcher polls at all (off for offline tools and some tests). */ Boolean enabled,
        /** Default cadence of every connection ({@code HALLMONITOR_POLL_INTERVAL}). */ Duration pollInterval,
        /** Cadence per platform, overriding the default. */ Map<Platform, Duration> platformIntervals,
        /** Cadence per account id, overriding the platform's. */ Map<String, Duration> accountIntervals,
        /** Cadence of public-mention watches, overriding the platform's; unset means as the platform. */
        Duration watchInterval,
        /** How often the dispatcher looks for due sources. */ Duration dispatchEvery,
        /** How many sources one instance polls at the same time. */ Integer concurrency,
        /** The most posts one poll may read. */ Integer maxReads,
        /** The most posts one poll may read, per platform (X charges per post read). */
        Map<Platform, Integer> platformMaxReads,
        /** The most posts read per source per UTC day, per platform; unset means no limit. */
        Map<Platform, Integer> dailyReadLimits,
        /** How long one poll may hold its source's lock before another instance may take over. */
        Duration lockAtMostFor,
        /** The first back-off after a transient failure; it doubles with each failure in a row. */
        Duration backoffInitial,
        /** The longest back-off. */ Duration backoffMax,
        /** The wait after an expired token or missing settings before trying again. */ Duration unauthorizedRetry,
        /** A connection failing for longer than this alerts the administrators. */ Duration failingAfter) {

    public MonitoringProperties {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        platformIntervals = platformIntervals == null ? Map.of() : Map.copyOf(platformIntervals);
        accountIntervals = accountIntervals == null ? Map.of() : Map.copyOf(accountIntervals);
        dispatchEvery = dispatchEvery == null ? Duration.ofSeconds(5) : dispatchEvery;
        concurrency = concurrency == null ? 128 : concurrency;
        maxReads = maxReads == null ? 100 : maxReads;
        platformMaxReads = platformMaxReads == null ? Map.of() : Map.copyOf(platformMaxReads);
        dailyReadLimits = dailyReadLimits == null ? Map.of() : Map.copyOf(dailyReadLimits);
        lockAtMostFor = lockAtMostFor == null ? Duration.ofMinutes(5) : lockAtMostFor;
        backoffInitial = backoffInitial == null ? Duration.ofSeconds(30) : backoffInitial;
        backoffMax = backoffMax == null ? Duration.ofMinutes(30) : backoffMax;
        unauthorizedRetry = unauthorizedRetry == null ? Duration.ofMinutes(15) : unauthorizedRetry;
        failingAfter = failingAfter == null ? Duration.ofHours(1) : failingAfter;
    }

    /** Defaults only, for tests and tools. */
    public static MonitoringProperties defaults() {
        return new MonitoringProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The cadence of an account: its own override, else its platform's, else the default. */
    Duration accountInterval(String accountId, Platform platform) {
        Duration own = accountIntervals.get(accountId);
        return own != null ? own : platformIntervals.getOrDefault(platform, pollInterval);
    }

    /** The cadence of a watch: the watch cadence, else its platform's, else the default. */
    Duration watchInterval(Platform platform) {
        return watchInterval != null ? watchInterval : platformIntervals.getOrDefault(platform, pollInterval);
    }

    /** The most posts one poll may read on the platform. */
    int maxReads(Platform platform) {
        return platformMaxReads.getOrDefault(platform, maxReads);
    }
}
