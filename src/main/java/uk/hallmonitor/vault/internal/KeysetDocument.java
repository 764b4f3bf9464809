package uk.hallmonitor.vault.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The vault's data keyset as stored: Tink's encrypted keyset format, sealed by the master key. There is one, with
 * id {@code primary}; {@code version} and {@code rotationId} are the preconditions of every change to it.
 */
@Document("vault_keysets")
record KeysetDocument(@Id String id, byte[] sealedKeyset, long version, String rotationId, Instant updatedAt) {

    static final String ID = "primary";
}
