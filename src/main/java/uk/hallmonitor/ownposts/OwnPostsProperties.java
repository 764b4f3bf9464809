package uk.hallmonitor.ownposts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the school accounts' own posts are checked as they arrive.
 *
 * @param sweepEvery how often the store is swept for own posts the fast path missed (a restart, a failure)
 * @param overlap    how far behind its position the sweep re-reads, for posts stamped out of order by instances
 * @param lookback   how far back the sweep starts when it has never run (older posts are not checked)
 */
@ConfigurationProperties("hallmonitor.own-posts")
public record OwnPostsProperties(Duration sweepEvery, Duration overlap, Duration lookback) {

    public OwnPostsProperties {
        sweepEvery = sweepEvery == null ? Duration.ofMinutes(1) : sweepEvery;
        overlap = overlap == null ? Duration.ofMinutes(2) : overlap;
        lookback = lookback == null ? Duration.ofDays(1) : lookback;
    }
}
