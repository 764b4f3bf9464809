package uk.hallmonitor.privacy.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One school's retention periods ({@code privacy_retention}, keyed by school id); a school without a document has
 * {@link #defaults}. The reasons for the defaults are in {@code deploy/docs/privacy.md}.
 *
 * @param schoolId              the school
 * @param unflaggedPostDays     collected posts nobody flagged are purged this many days after collection
 * @param flaggedPostDays       flagged posts and their moderation records (verdict, clock, alerts) after this many
 * @param incidentYears         closed incidents and their linked posts after this many years
 * @param safeguarding          how safeguarding incidents are kept
 * @param updatedAt             when last changed ({@code null} for the defaults)
 * @param updatedBy             who changed it
 */
@Document("privacy_retention")
record RetentionSettings(@Id String schoolId, int unflaggedPostDays, int flaggedPostDays, int incidentYears,
                         SafeguardingRetention safeguarding, Instant updatedAt, String updatedBy) {

    static final int UNFLAGGED_DAYS = 90;
    static final int FLAGGED_DAYS = 365;
    static final int INCIDENT_YEARS = 6;

    static RetentionSettings defaults(String schoolId) {
        return new RetentionSettings(schoolId, UNFLAGGED_DAYS, FLAGGED_DAYS, INCIDENT_YEARS,
                SafeguardingRetention.LIKE_OTHER_INCIDENTS, null, null);
    }

    /** How safeguarding incidents (and their posts) are kept. */
    enum SafeguardingRetention {
        /** Like every other incident: {@code incidentYears} after it was opened. */
        LIKE_OTHER_INCIDENTS,
        /**
         * Until the child is 25: kept indefinitely until a DSL sets the date the child turns 25 on the incident
         * ({@code PUT /api/v1/privacy/incidents/{id}}), then purged after that date.
         */
        UNTIL_CHILD_IS_25
    }
}
