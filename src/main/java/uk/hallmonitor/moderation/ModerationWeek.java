package uk.hallmonitor.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What moderation saw of one school over a period, for the leadership report: no post's words, no author.
 *
 * @param flagged                 posts flagged (classified in the period)
 * @param flaggedByCategory       flagged posts by their main category ({@code SUSPECTED_ILLEGAL} for sealed ones)
 * @param flaggedBySeverity       flagged posts by severity, most severe first
 * @param safeguardingAlerts      HIGH and CRITICAL safeguarding alerts raised in the period, oldest first
 * @param unacknowledged          of those, how many nobody has acknowledged yet
 * @param medianTimeToAcknowledge median of raised → acknowledged over the acknowledged ones, or {@code null}
 * @param escalations             escalation steps taken in the period
 * @param escalationsByLevel      those steps by who was told ({@code DEPUTY_DSL}, {@code HEADTEACHER})
 */
public record ModerationWeek(long flagged, Map<String, Long> flaggedByCategory, Map<String, Long> flaggedBySeverity,
                             List<SafeguardingLine> safeguardingAlerts, long unacknowledged,
                             Duration medianTimeToAcknowledge, long escalations,
                             Map<String, Long> escalationsByLevel) {

    public ModerationWeek {
        flaggedByCategory = Map.copyOf(flaggedByCategory);
        flaggedBySeverity = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(flaggedBySeverity));
        safeguardingAlerts = List.copyOf(safeguardingAlerts);
        escalationsByLevel = Map.copyOf(escalationsByLevel);
    }

    /**
     * One safeguarding alert of the period.
     *
     * @param id                 the safeguarding alert (the post id)
     * @param severity           HIGH or CRITICAL
     * @param category           its main category ({@code SUSPECTED_ILLEGAL} for a sealed post)
     * @param incidentNumber     the incident opened for it, or {@code null}
     * @param raisedAt           when the DSL was alerted
     * @param reached            the highest role told: DSL, DEPUTY_DSL or HEADTEACHER
     * @param acknowledgedByName who acknowledged it, or {@code null}
     * @param acknowledgedAt     when, or {@code null}
     * @param timeToAcknowledge  raised → acknowledged, or {@code null} while unacknowledged
     */
    public record SafeguardingLine(String id, String severity, String category, String incidentNumber,
                                   Instant raisedAt, String reached, String acknowledgedByName, Instant acknowledgedAt,
                                   Duration timeToAcknowledge) {
    }
}
