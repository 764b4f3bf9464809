package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * The decrypted data keyset at one version, with its AEAD: the primary key encrypts, every key in the set decrypts.
 *
 * @param rotationId the key rotation that holds the keyset, or {@code null} when none runs
 */
record VaultKeyset(KeysetHandle handle, Aead aead, long version, String rotationId) {

    int primaryKeyId() {
        return handle.getPrimary().getId();
    }

    List<Integer> keyIds() {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            ids.add(handle.getAt(i).getId());
        }
        return ids;
    }

    /** Encrypts under the primary key, bound to the owner. */
    byte[] seal(SecretOwner owner, String secret) throws GeneralSecurityException {
        return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), owner.associatedData());
    }

    /** Decrypts; fails when the ciphertext was altered, moved to another owner, or made under an unknown key. */
    String open(SecretOwner owner, byte[] ciphertext) throws GeneralSecurityException {
        return new String(aead.decrypt(ciphertext, owner.associatedData()), StandardCharsets.UTF_8);
    }
}
