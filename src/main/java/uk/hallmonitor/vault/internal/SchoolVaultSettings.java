package uk.hallmonitor.vault.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A school's own choices about its credentials: whether account runners may reveal plaintext, and whether a reveal
 * needs multi-factor authentication as the sign-in provider reports it ({@code null} in records older than the
 * choice: off).
 */
@Document("vault_school_settings")
record SchoolVaultSettings(@Id String schoolId, boolean runnersMayReveal, Instant updatedAt, String updatedBy,
                           Boolean mfaForReveal) {

    boolean mfaRequired() {
        return Boolean.TRUE.equals(mfaForReveal);
    }
}
