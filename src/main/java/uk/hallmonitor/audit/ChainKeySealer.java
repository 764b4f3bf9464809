package uk.hallmonitor.audit;

import com.google.crypto.tink.Aead;
import java.util.Optional;

/**
 * The master key, lent to the audit trail to seal and open the chain's HMAC key (kept in a file outside the
 * database, like the vault's keyset is sealed). Provided by the vault, which owns the master key; empty while the
 * vault cannot open it, in which case entries are written unkeyed and {@code /audit/verify} reports them.
 */
public interface ChainKeySealer {

    /** The master key as an AEAD, or empty when it is not available; may block (call off the event loop). */
    Optional<Aead> masterKey();
}
