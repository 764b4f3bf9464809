package uk.hallmonitor.vault;

import java.time.Instant;
import java.util.List;

/**
 * Progress of one key rotation: a new primary key, every record re-encrypted under it, then the old keys retired.
 *
 * @param id                  the rotation's id
 * @param state               {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param requestedBy         who asked for it
 * @param startedAt           when it started
 * @param finishedAt          when it ended, or {@code null}
 * @param primaryKeyId        the Tink key id of the new primary key
 * @param total               records that were under an older key when it started
 * @param reencrypted         records re-encrypted by the rotation so far (one an administrator changed meanwhile
 *                            is already under the new key and not counted)
 * @param failedCredentialIds records that could not be decrypted (altered ciphertext); their key stays until fixed
 * @param retiredKeyIds       keys removed from the keyset once nothing used them
 * @param message             what went wrong, for {@code FAILED}
 */
public record KeyRotationStatus(String id, String state, String requestedBy, Instant startedAt, Instant finishedAt,
                                int primaryKeyId, long total, long reencrypted, List<String> failedCredentialIds,
                                List<Integer> retiredKeyIds, String message) {

    public static final String RUNNING = "RUNNING";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
}
