package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox delivers. The keys keep the {@code hallmonitor.moderation} prefix they had before the alerts module
 * left moderation, so existing configuration and environment variables still apply.
 */
@ConfigurationProperties("hallmonitor.moderation")
record AlertsProperties(
        /** Sender address of alert email. */ @DefaultValue("hallmonitor@localhost") String mailFrom,
        /** Base of the link to a post in the moderation queue, placed in alerts. */
        @DefaultValue("/moderation/posts/") String queueUrl,
        /** How often the outbox is swept for alerts due a (re)try. */ @DefaultValue("1s") Duration dispatchEvery,
        /** How long a dispatcher holds a claimed alert before another instance may take it over. */
        @DefaultValue("60s") Duration lease,
        /** Longest a channel may take over one alert before it counts as failed and is retried. */
        @DefaultValue("10s") Duration sendTimeout,
        /** Wait after the first failed attempt; doubled after each further failure. */
        @DefaultValue("2s") Duration retryFirst,
        /** Longest wait between attempts. */ @DefaultValue("10m") Duration retryCeiling,
        /** Alerts sent at once by one instance. */ @DefaultValue("16") int concurrency,
        /** How often held low-severity alerts are folded into one digest email per person. */
        @DefaultValue("1h") Duration digestEvery,
        /**
         * Failed attempts on one channel after which an alert is also tried on the recipient's next channel (it keeps
         * being retried on the first); an undeliverable alert falls through at once.
         */
        @DefaultValue("3") int fallThroughAfter,
        /** Whether the background loops run (tests switch them off to drive them by hand). */
        @DefaultValue("true") boolean background) {

    Backoff backoff() {
        return new Backoff(retryFirst, retryCeiling);
    }
}
