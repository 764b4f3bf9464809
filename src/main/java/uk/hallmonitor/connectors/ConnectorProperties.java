package uk.hallmonitor.connectors;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How connectors talk to platforms: timeouts, size caps, retries inside one poll, paging limits and public API roots.
 *
 * @param connectTimeout       how long to wait for a TCP connection to a platform
 * @param responseTimeout      how long to wait for a whole answer before counting it as a transient failure
 * @param maxResponseSize      the largest body read from a platform; a larger one is refused as malformed
 * @param maxAttempts          tries per request inside one poll for 5xx and timeouts (1 = no retry)
 * @param firstBackoff         wait before the first retry; doubles per retry, with jitter
 * @param maxBackoff           the longest wait between two retries
 * @param maxPages             the most pages one stream may read in one poll (guards endless pagination)
 * @param defaultMaxReads      posts one poll may read when a source sets no limit of its own
 * @param maxWarnings          warnings kept per batch; the rest are counted in one closing warning
 * @param xBaseUrl             root of the X API when a connection sets no {@code baseUrl}
 * @param blueskyBaseUrl       root of the Bluesky PDS when a connection sets no {@code baseUrl}
 * @param rememberConversations how many of the account's own X conversations are searched for replies
 * @param maxConnections       open connections to platforms at once, across all polls of this instance
 * @param graphBaseUrl         root of Meta's Graph API (Facebook Pages, Instagram) when a connection sets no
 *                             {@code baseUrl}
 * @param graphVersion         the Graph API version every Facebook and Instagram call uses, e.g. {@code v23.0}
 * @param youtubeBaseUrl       root of Google's APIs (YouTube Data API v3) when a connection sets no {@code baseUrl}
 * @param googleTokenUrl       Google's OAuth token endpoint, where a YouTube refresh token is exchanged
 * @param usageSlowDownPercent the share (percent) of a Graph API rate limit past which polls slow down
 * @param maxCommentPosts      the most Facebook posts or Instagram media whose comments one poll reads; the newest
 *                             half every poll, the rest of the look-back window in turn
 */
@ConfigurationProperties("hallmonitor.connectors")
public record ConnectorProperties(
        Duration connectTimeout,
        Duration responseTimeout,
        DataSize maxResponseSize,
        Integer maxAttempts,
        Duration firstBackoff,
        Duration maxBackoff,
        Integer maxPages,
        Integer defaultMaxReads,
        Integer maxWarnings,
        String xBaseUrl,
        String blueskyBaseUrl,
        Integer rememberConversations,
        Integer maxConnections,
        String graphBaseUrl,
        String graphVersion,
        String youtubeBaseUrl,
        String googleTokenUrl,
        Integer usageSlowDownPercent,
        Integer maxCommentPosts) {

    public ConnectorProperties {
        connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(5);
        responseTimeout = responseTimeout != null ? responseTimeout : Duration.ofSeconds(20);
        maxResponseSize = maxResponseSize != null ? maxResponseSize : DataSize.ofMegabytes(2);
        maxAttempts = maxAttempts != null ? maxAttempts : 3;
        firstBackoff = firstBackoff != null ? firstBackoff : Duration.ofMillis(500);
        maxBackoff = maxBackoff != null ? maxBackoff : Duration.ofSeconds(5);
        maxPages = maxPages != null ? maxPages : 10;
        defaultMaxReads = defaultMaxReads != null ? defaultMaxReads : 100;
        maxWarnings = maxWarnings != null ? maxWarnings : 50;
        xBaseUrl = xBaseUrl != null ? xBaseUrl : "https://api.x.com/";
        blueskyBaseUrl = blueskyBaseUrl != null ? blueskyBaseUrl : "https://bsky.social/";
        rememberConversations = rememberConversations != null ? rememberConversations : 10;
        maxConnections = maxConnections != null ? maxConnections : 500;
        graphBaseUrl = graphBaseUrl != null ? graphBaseUrl : "https://graph.facebook.com/";
        // pinned: Meta changes fields between versions, and each version lives about two years
        graphVersion = graphVersion != null ? graphVersion : "v23.0";
        youtubeBaseUrl = youtubeBaseUrl != null ? youtubeBaseUrl : "https://www.googleapis.com/";
        googleTokenUrl = googleTokenUrl != null ? googleTokenUrl : "https://oauth2.googleapis.com/token";
        usageSlowDownPercent = usageSlowDownPercent != null ? usageSlowDownPercent : 80;
        maxCommentPosts = maxCommentPosts != null ? maxCommentPosts : 20;
    }

    /** The defaults, for code and tests that run without Spring. */
    public static ConnectorProperties defaults() {
        return new ConnectorProperties(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
