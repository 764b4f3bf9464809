package uk.hallmonitor.vault;

/**
 * A stored credential should be changed: it is older than the policy allows, or someone who knew it left.
 *
 * @param schoolId   the school
 * @param accountId  the account
 * @param secretName which credential (never its value)
 * @param reason     why
 */
public record CredentialRotationDue(String schoolId, String accountId, String secretName, RotationReason reason) {
}
