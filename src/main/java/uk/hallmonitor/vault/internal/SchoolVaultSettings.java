package uk.hallmonitor.vault.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A school's own choice about its credentials: whether account runners may reveal plaintext. */
@Document("vault_school_settings")
record SchoolVaultSettings(@Id String schoolId, boolean runnersMayReveal, Instant updatedAt, String updatedBy) {
}
