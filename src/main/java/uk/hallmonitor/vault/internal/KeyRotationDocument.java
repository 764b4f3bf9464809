package uk.hallmonitor.vault.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.vault.KeyRotationStatus;

/** One key rotation and its progress, as stored. */
@Document("vault_key_rotations")
record KeyRotationDocument(@Id String id, String state, String requestedBy, Instant startedAt, Instant finishedAt,
                           int primaryKeyId, long total, long reencrypted, List<String> failedCredentialIds,
                           List<Integer> retiredKeyIds, String message) {

    KeyRotationStatus status() {
        return new KeyRotationStatus(id, state, requestedBy, startedAt, finishedAt, primaryKeyId, total, reencrypted,
                failedCredentialIds == null ? List.of() : failedCredentialIds,
                retiredKeyIds == null ? List.of() : retiredKeyIds, message);
    }
}
