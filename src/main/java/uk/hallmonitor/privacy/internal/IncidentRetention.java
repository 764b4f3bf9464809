package uk.hallmonitor.privacy.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What overrides the retention of one incident ({@code privacy_incident_retention}, keyed by incident number): a
 * legal hold (nothing of the incident or its posts is purged or erased while it stands) and, for safeguarding
 * records kept "until the child is 25", the date after which it may go.
 *
 * @param incidentId the incident number
 * @param schoolId   the incident's school
 * @param legalHold  whether a legal hold stands
 * @param reason     why (required for a hold)
 * @param keepUntil  the date the child turns 25 ({@code yyyy-MM-dd}, kept as text so no time zone shifts it), or
 *                   {@code null}
 * @param updatedAt  when last changed
 * @param updatedBy  who changed it
 */
@Document("privacy_incident_retention")
record IncidentRetention(@Id String incidentId, String schoolId, boolean legalHold, String reason,
                         String keepUntil, Instant updatedAt, String updatedBy) {
}
