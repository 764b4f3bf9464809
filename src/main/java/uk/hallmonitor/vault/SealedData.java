package uk.hallmonitor.vault;

/**
 * A ciphertext made by {@link DataSeal}, with the id of the key that made it.
 *
 * @param keyId      the data key that encrypted it (what {@link SealedDataHolder#countUnderKey(int)} is asked about)
 * @param ciphertext Tink AEAD output
 */
public record SealedData(int keyId, byte[] ciphertext) {
}
