package uk.hallmonitor.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.DataSeal;
import uk.hallmonitor.vault.SealedData;

/** {@link DataSeal} over the vault's data keyset; the associated data names the context, apart from credentials'. */
@Component
record TinkDataSeal(VaultKeys keys) implements DataSeal {

    @Override
    public Mono<SealedData> seal(String context, byte[] plaintext) {
        return keys.current().flatMap(keyset -> Mono.fromCallable(() -> new SealedData(keyset.primaryKeyId(),
                keyset.aead().encrypt(plaintext, associatedData(context)))));
    }

    @Override
    public Mono<byte[]> open(String context, SealedData sealed) {
        return keys.current().flatMap(keyset -> Mono.fromCallable(() -> {
            try {
                return keyset.aead().decrypt(sealed.ciphertext(), associatedData(context));
            } catch (GeneralSecurityException e) {
                throw VaultProblems.unreadable("sealed data of " + context.split(":")[0]
                        + " does not decrypt: it was altered, moved, or sealed under a key the vault no longer has");
            }
        }));
    }

    private static byte[] associatedData(String context) {
        return ("hallmonitor.sealed.v1|" + context).getBytes(StandardCharsets.UTF_8);
    }
}
