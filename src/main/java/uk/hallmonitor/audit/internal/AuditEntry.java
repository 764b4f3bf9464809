package uk.hallmonitor.audit.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One stored entry of the chain; {@code before} and {@code after} are JSON text so the link is over exact bytes.
 * {@code version} says how {@code hash} was made: absent or 1 is the original unkeyed SHA-256 (entries written before
 * the chain was keyed keep it and still verify), 2 is an HMAC-SHA256 under the audit key over canonical text, 3 is an
 * HMAC over the SHA-256 digests of {@code before} and {@code after} instead of the text itself, so that the content
 * of a purged or erased record can be removed from the entry ({@code redactedAt}) while the chain still verifies.
 * {@code subjects} are the pseudonymous keys of the people whose data the entry is about (see
 * {@link uk.hallmonitor.audit.DataAccessLog}), linked from version 3 on.
 */
@Document("audit_entries")
public record AuditEntry(@Id String id, @Indexed(unique = true) long seq, Instant at, String actor, String action,
                         @Indexed String schoolId, String subjectType, @Indexed String subjectId, String before,
                         String after, String prevHash, String hash, Integer version, List<String> subjects,
                         String beforeDigest, String afterDigest, Instant redactedAt) {

    static final int UNKEYED = 1;
    static final int KEYED = 2;
    static final int KEYED_DIGEST = 3;

    /** An entry of the versions before 3, which carry no subjects or digests. */
    public AuditEntry(String id, long seq, Instant at, String actor, String action, String schoolId,
                      String subjectType, String subjectId, String before, String after, String prevHash,
                      String hash, Integer version) {
        this(id, seq, at, actor, action, schoolId, subjectType, subjectId, before, after, prevHash, hash, version,
                null, null, null, null);
    }

    int linkVersion() {
        return version == null ? UNKEYED : version;
    }

    /** Whether the link is an HMAC under the audit key (versions 2 and 3). */
    boolean keyed() {
        return linkVersion() >= KEYED;
    }
}
