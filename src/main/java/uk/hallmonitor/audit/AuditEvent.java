package uk.hallmonitor.audit;

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
 */
public record AuditEvent(String actor, String action, String schoolId, String subjectType, String subjectId,
                         Object before, Object after) {
}
