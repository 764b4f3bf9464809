package uk.hallmonitor.audit;

import java.util.List;

/**
 * One thing that happened, to be appended to the audit trail: who did what to which record, with the state before
 * and after. {@code before} and {@code after} are plain objects rendered as JSON; never put a secret in them.
 *
 * @param actor       username of who did it ({@code "system"} for the service itself)
 * @param action      what was done, e.g. {@code application.approved}, {@code credential.revealed}
 * @param schoolId    the school the record belongs to; {@code null} for trust-wide records
 * @param subjectType the kind of record, e.g. {@code application}
 * @param subjectId   the record's id
 * @param before      state before, or {@code null}
 * @param after       state after, or {@code null}
 * @param subjects    the people the record is about, as {@link DataAccessLog#handle}/{@link DataAccessLog#staff}
 *                    keys (stored only as pseudonyms), so {@code GET /api/v1/audit?subject=} finds the entry; may be
 *                    empty
 */
public record AuditEvent(String actor, String action, String schoolId, String subjectType, String subjectId,
                         Object before, Object after, List<String> subjects) {

    public AuditEvent {
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
    }

    /** An event about a record, naming no person. */
    public AuditEvent(String actor, String action, String schoolId, String subjectType, String subjectId,
                      Object before, Object after) {
        this(actor, action, schoolId, subjectType, subjectId, before, after, List.of());
    }
}
