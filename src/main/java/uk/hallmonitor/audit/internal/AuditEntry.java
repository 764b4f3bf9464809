package uk.hallmonitor.audit.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** One stored entry of the chain; {@code before} and {@code after} are JSON text so the hash is over exact bytes. */
@Document("audit_entries")
public record AuditEntry(@Id String id, @Indexed(unique = true) long seq, Instant at, String actor, String action,
                         @Indexed String schoolId, String subjectType, @Indexed String subjectId, String before,
                         String after, String prevHash, String hash) {
}
