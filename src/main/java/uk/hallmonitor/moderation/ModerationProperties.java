package uk.hallmonitor.moderation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How moderation classifies, routes and delivers. */
@ConfigurationProperties("hallmonitor.moderation")
record ModerationProperties(
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
        /** How often stored posts are swept for ones that have no verdict or were not routed. */
        @DefaultValue("30s") Duration sweepEvery,
        /** How far back the sweep looks behind its watermark, for posts stored late by another instance. */
        @DefaultValue("10m") Duration sweepOverlap,
        /** Posts triaged at once (the classifier itself runs on the CPU-bound pool). */
        @DefaultValue("32") int classifyConcurrency,
        /** File of the AEAD keyset that seals suspected illegal content; relative to the data directory. */
        @DefaultValue("moderation-seal.json") String sealKeyFile,
        /**
         * How long routing keeps what it read of a school's staff and account (a burst then costs one read of them,
         * not five per post); a staff change reaches routing at most this much later. Zero reads them every time.
         */
        @DefaultValue("1s") Duration audienceCache,
        /**
         * How long a CRITICAL safeguarding alert may stay unacknowledged before each step up the ladder (the deputy
         * DSLs after one, the head teacher after two), around the clock.
         */
        @DefaultValue("15m") Duration escalateCriticalAfter,
        /** The same for a HIGH safeguarding alert. */ @DefaultValue("60m") Duration escalateHighAfter,
        /** How often unacknowledged safeguarding alerts are checked for a step that is due. */
        @DefaultValue("30s") Duration escalationSweepEvery,
        /**
         * Failed attempts on one channel after which an alert is also tried on the recipient's next channel (it keeps
         * being retried on the first); an undeliverable alert falls through at once.
         */
        @DefaultValue("3") int fallThroughAfter,
        /** Whether the background loops run (tests switch them off to drive them by hand). */
        @DefaultValue("true") boolean background) {

    /** The wait before each escalation step of a safeguarding alert of this severity. */
    Duration escalationStep(uk.hallmonitor.classification.Severity severity) {
        return severity == uk.hallmonitor.classification.Severity.CRITICAL ? escalateCriticalAfter : escalateHighAfter;
    }

    Backoff backoff() {
        return new Backoff(retryFirst, retryCeiling);
    }
}
