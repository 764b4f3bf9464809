package uk.hallmonitor.moderation.internal;

import java.time.Instant;

/**
 * One moderator action on a flagged post, as it stays on record.
 *
 * @param action           what was done
 * @param outcome          {@code ON_PLATFORM} (carried out through the connector), {@code BY_HAND} (the moderator
 *                         did it on the platform), {@code PLATFORM_FAILED} (the connector refused; do it by hand),
 *                         {@code POST_GONE} (already deleted on the platform), {@code RECORDED} (dismiss, escalate)
 * @param detail           what the platform or the incident log answered
 * @param note             the moderator's note
 * @param audienceInformed what the audience was told, or {@code null}
 * @param actor            username
 * @param staffId          the moderator's staff id
 * @param at               when
 * @param incidentNumber   the incident opened by an escalation, or {@code null}
 */
public record ActionRecord(ModerationAction action, String outcome, String detail, String note,
                           String audienceInformed, String actor, String staffId, Instant at, String incidentNumber) {
}
