package uk.hallmonitor.vault;

import reactor.core.publisher.Mono;

/**
 * Implemented by a module that stores {@link SealedData}: a key rotation asks every holder before it retires an old
 * key, and keeps the key while anything is still sealed under it.
 */
public interface SealedDataHolder {

    /** How many of the holder's records are still sealed under the key. */
    Mono<Long> countUnderKey(int keyId);
}
