package uk.hallmonitor.vault;

import java.time.Instant;
import java.util.List;

/**
 * What may be shown about a stored credential: everything except the secret.
 *
 * @param accountId          the account it belongs to
 * @param name               its name, e.g. {@code password} or {@code bearerToken}
 * @param kind               what sort of secret it is
 * @param administratorLevel whether it opens an administrator-level login (changed every 30 days under policy 004)
 * @param createdAt          when it was first stored
 * @param createdBy          who first stored it (username)
 * @param rotatedAt          when it was last changed, or {@code null} if never
 * @param rotatedBy          who last changed it, or {@code null}
 * @param ageDays            whole days since it was stored or last changed
 * @param policy             the password policy check made when it was set
 * @param rotationDue        whether it should be changed now
 * @param rotationDueReasons why it should be changed
 * @param lastRevealedAt     when its plaintext was last revealed to a person, or {@code null}
 * @param lastRevealedBy     who revealed it last, or {@code null}
 */
public record CredentialMetadata(String accountId, String name, SecretKind kind, boolean administratorLevel,
                                 Instant createdAt, String createdBy, Instant rotatedAt, String rotatedBy,
                                 long ageDays, PolicyCheck policy, boolean rotationDue,
                                 List<RotationReason> rotationDueReasons, Instant lastRevealedAt,
                                 String lastRevealedBy) {
}
