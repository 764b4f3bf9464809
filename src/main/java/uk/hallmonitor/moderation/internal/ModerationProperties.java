package uk.hallmonitor.moderation.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How moderation triages, routes and escalates. The alert outbox's own settings share the prefix ({@code
 * hallmonitor.moderation}, bound by {@code alerts}' {@code AlertsProperties}) so that existing configuration keeps
 * working; {@code queue-url} and {@code background} are read by both.
 */
@ConfigurationProperties("hallmonitor.moderation")
record ModerationProperties(
        /** Base of the link to a post in the moderation queue, placed in alerts. */
        @DefaultValue("/moderation/posts/") String queueUrl,
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
        /** Whether the background loops run (tests switch them off to drive them by hand). */
        @DefaultValue("true") boolean background) {

    /** The wait before each escalation step of a safeguarding alert of this severity. */
    Duration escalationStep(uk.hallmonitor.classification.Severity severity) {
        return severity == uk.hallmonitor.classification.Severity.CRITICAL ? escalateCriticalAfter : escalateHighAfter;
    }
}
