package uk.hallmonitor.incidents;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the incident log ({@code incidents}); its id is the incident number quoted in alerts.
 *
 * @param id        the incident number, e.g. {@code INC-2026-000042}
 * @param schoolId  the school
 * @param sourceKey what opened it ({@code post:ID:escalated}, {@code illegal:PLATFORM:ID}, {@code manual:ID});
 *                  unique, which makes opening idempotent
 * @param category  what kind of incident
 * @param severity  LOW, MEDIUM, HIGH or CRITICAL
 * @param status    where it is in the workflow
 * @param owner     the staff id of who leads on it, or {@code null}
 * @param postIds   posts concerned
 * @param notes     notes, oldest first
 * @param outcome   how it ended (required to close)
 * @param trail     every change, oldest first
 * @param version   bumped on every change
 * @param createdAt when opened
 * @param createdBy who opened it
 */
@Document("incidents")
public record Incident(@Id String id, String schoolId, String sourceKey, String category, String severity,
                       IncidentStatus status, String owner, List<String> postIds, List<Note> notes, String outcome,
                       List<Step> trail, long version, Instant createdAt, String createdBy) {

    public Incident {
        postIds = postIds == null ? List.of() : List.copyOf(postIds);
        notes = notes == null ? List.of() : List.copyOf(notes);
        trail = trail == null ? List.of() : List.copyOf(trail);
    }

    /** A note on the incident. */
    public record Note(String text, String by, Instant at) {
    }

    /** One change of the incident: who, when, what, from which status to which. */
    public record Step(Instant at, String actor, String action, IncidentStatus from, IncidentStatus to,
                       String note) {
    }
}
