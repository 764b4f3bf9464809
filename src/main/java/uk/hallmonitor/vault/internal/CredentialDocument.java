package uk.hallmonitor.vault.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.vault.RotationReason;
import uk.hallmonitor.vault.SecretKind;

/**
 * One stored credential: ciphertext only, bound to (school, account, name), with the key id that encrypted it and
 * the metadata people may see. {@code revision} grows with every new secret and guards concurrent writers.
 *
 * @param knownBy  staff who set, revealed or ran the account while it held this secret (checked when they leave)
 * @param dueKeys  one key per rotation reason already raised, so a reason is raised and announced once
 */
@Document("credentials")
record CredentialDocument(@Id String id, String schoolId, String accountId, String name, SecretKind kind,
                          boolean administratorLevel, byte[] ciphertext, int keyId, long revision,
                          Instant createdAt, String createdBy, Instant rotatedAt, String rotatedBy,
                          String policyResult, String policyMessage, List<String> knownBy, boolean rotationDue,
                          List<RotationReason> rotationDueReasons, List<String> dueKeys, Instant lastRevealedAt,
                          String lastRevealedBy) {

    static String idOf(String accountId, String name) {
        return accountId + "/" + name;
    }

    SecretOwner owner() {
        return new SecretOwner(schoolId, accountId, name);
    }

    /** When the current secret was set. */
    Instant setAt() {
        return rotatedAt != null ? rotatedAt : createdAt;
    }

    @Override
    public String toString() {
        // the ciphertext is no secret, but it has no business in a log line either
        return "CredentialDocument[" + id + ", keyId=" + keyId + ", revision=" + revision + "]";
    }
}
