package uk.hallmonitor.audit.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One stored entry of the chain; {@code before} and {@code after} are JSON text so the link is over exact bytes.
 * {@code version} says how {@code hash} was made: absent or 1 is the original unkeyed SHA-256 (entries written before
 * the chain was keyed keep it and still verify), 2 is an HMAC-SHA256 under the audit key over canonical text.
 */
@Document("audit_entries")
public record AuditEntry(@Id String id, @Indexed(unique = true) long seq, Instant at, String actor, String action,
                         @Indexed String schoolId, String subjectType, @Indexed String subjectId, String before,
                         String after, String prevHash, String hash, Integer version) {

    static final int UNKEYED = 1;
    static final int KEYED = 2;

    int linkVersion() {
        return version == null ? UNKEYED : version;
    }
}
