package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;

/** Tink keyset operations of the vault: make, rotate, retire, and seal under the master key. */
final class Keysets {

    /** Associated data of the sealed keyset, so a keyset cannot be swapped for another Tink blob of ours. */
    private static final byte[] KEYSET_CONTEXT = "hallmonitor.vault.keyset.v1".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Keysets() {
    }

    static KeysetHandle generate() throws GeneralSecurityException {
        return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    }

    /** The same keys plus a new AES256-GCM primary; the old keys stay to decrypt what they encrypted. */
    static KeysetHandle withNewPrimary(KeysetHandle handle) throws GeneralSecurityException {
        return KeysetHandle.newBuilder(handle)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withRandomId().makePrimary())
                .build();
    }

    /** The keyset without the given (non-primary) keys. */
    static KeysetHandle without(KeysetHandle handle, Set<Integer> retired) throws GeneralSecurityException {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (retired.contains(handle.getAt(i).getId()) && !handle.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return builder.build();
    }

    static Aead aead(KeysetHandle handle) throws GeneralSecurityException {
        return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    static byte[] seal(KeysetHandle handle, Aead masterKey) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, masterKey, KEYSET_CONTEXT);
    }

    /** Fails with {@link GeneralSecurityException} when the master key is not the one that sealed the keyset. */
    static KeysetHandle open(byte[] sealed, Aead masterKey) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, masterKey, KEYSET_CONTEXT);
    }
}
