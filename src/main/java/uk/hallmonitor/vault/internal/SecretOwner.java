package uk.hallmonitor.vault.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The record a secret belongs to. It is the AEAD's associated data, so a ciphertext copied onto another school,
 * account or secret name no longer decrypts.
 */
record SecretOwner(String schoolId, String accountId, String name) {

    private static final byte[] CONTEXT = "hallmonitor.vault.credential.v1".getBytes(StandardCharsets.UTF_8);

    /** Length-prefixed, so that ("ab","c") and ("a","bc") never give the same bytes. */
    byte[] associatedData() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {CONTEXT, bytes(schoolId), bytes(accountId), bytes(name)}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}
