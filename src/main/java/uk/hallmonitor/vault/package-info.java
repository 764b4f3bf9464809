/**
 * The credential vault: every password, API key, OAuth token, recovery code and 2FA seed of a school account,
 * encrypted with Google Tink (AES256-GCM) and bound to its owner by associated data, under a keyset that is itself
 * encrypted by a master key kept outside the database. The package root is the API ({@link
 * uk.hallmonitor.vault.CredentialVault} for people, {@link uk.hallmonitor.vault.SecretUse} for connectors, the events
 * it publishes); keysets, ciphertext and the web endpoints stay in {@code internal}, and nothing outside the module
 * ever sees a keyset or a ciphertext.
 * <p>
 * Departures from STYLE.md's table (which has the vault use audit only): it uses {@code schools} for the staff
 * directory (who may reveal, and revoking a leaver's reveals on {@code StaffLeft}) and {@code accounts} for the
 * register (a secret belongs to an account, and a runner may reveal only their own account's secrets), and {@code
 * alerts} to turn its own events (break-glass used, credential rotation due) into notices.
 */
package uk.hallmonitor.vault;
