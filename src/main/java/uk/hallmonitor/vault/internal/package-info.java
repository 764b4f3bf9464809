/**
 * Inside the vault: the Tink keyset and its master key, the ciphertext store, key rotation, rotation reminders and
 * the REST endpoints. Nothing here is used from outside the module; other modules go through
 * {@link uk.hallmonitor.vault.CredentialVault} and {@link uk.hallmonitor.vault.SecretUse}.
 */
package uk.hallmonitor.vault.internal;
