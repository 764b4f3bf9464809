package uk.hallmonitor.vault;

import reactor.core.publisher.Mono;

/**
 * Encryption at rest, with the vault's data keyset (AES256-GCM under the master key), for personal data other modules
 * keep, such as pupil rosters. The context binds a ciphertext to its owner (for example {@code roster:SCHOOL:VERSION})
 * so it cannot be moved to another record. Modules that keep sealed data also implement {@link SealedDataHolder}, so
 * that a key rotation never retires a key their data still needs. Fails with 503 while the vault is locked.
 */
public interface DataSeal {

    /** Encrypts under the current primary key. */
    Mono<SealedData> seal(String context, byte[] plaintext);

    /** Decrypts; fails when the ciphertext was altered, made for another context, or under a retired key. */
    Mono<byte[]> open(String context, SealedData sealed);
}
