package uk.hallmonitor.vault;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.Optional;

/**
 * Where the master key that encrypts the vault's keyset comes from. The default is a local key file or environment
 * variable; a deployment that declares its own bean of this type (for example one backed by a Tink KMS client, see
 * {@code deploy/docs/vault.md}) replaces it.
 */
public interface MasterKeySource {

    /** The master key, or empty when none has been supplied yet (a first run). */
    Optional<Aead> find() throws GeneralSecurityException;

    /** Makes a master key on first run and says where it went; a source that cannot (a KMS) throws. */
    Aead create() throws GeneralSecurityException;

    /** Where the key comes from, for log lines; never the key itself. */
    String describe();
}
