package uk.hallmonitor.audit.internal;

import com.google.crypto.tink.Mac;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The links of the chain: over every field of an entry and the previous entry's link. Version 1 is a plain SHA-256
 * (anyone who can write the database can recompute it); version 2 is an HMAC under the audit key, which is not in
 * the database.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);
    private static final byte[] KEYED_DOMAIN = "hallmonitor.audit.v2\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DIGEST_DOMAIN = "hallmonitor.audit.v3\n".getBytes(StandardCharsets.UTF_8);

    private ChainHash() {
    }

    static String of(long seq, Instant at, String actor, String action, String schoolId, String subjectType,
                     String subjectId, String before, String after, String prevHash) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(encode(seq, at, actor, action, schoolId, subjectType, subjectId, before, after, prevHash));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Version 3: an HMAC over the digests of {@code before} and {@code after} (so the text itself may later be
     * removed) and over the entry's subjects.
     */
    static String keyedDigest(Mac key, long seq, Instant at, String actor, String action, String schoolId,
                              String subjectType, String subjectId, String beforeDigest, String afterDigest,
                              java.util.List<String> subjects, String prevHash) {
        byte[] fields = encode(seq, at, actor, action, schoolId, subjectType, subjectId, beforeDigest, afterDigest,
                prevHash);
        byte[] subjectBytes = (subjects == null ? "" : String.join("\n", subjects)).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(DIGEST_DOMAIN);
        out.writeBytes(fields);
        out.writeBytes(Integer.toString(subjects == null ? -1 : subjectBytes.length).getBytes(StandardCharsets.UTF_8));
        out.write(':');
        out.writeBytes(subjectBytes);
        try {
            return HexFormat.of().formatHex(key.computeMac(out.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key cannot compute a MAC", e);
        }
    }

    /** The SHA-256 of the text as stored, or {@code null} for none. */
    static String digest(String text) {
        if (text == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String keyed(Mac key, long seq, Instant at, String actor, String action, String schoolId,
                        String subjectType, String subjectId, String before, String after, String prevHash) {
        byte[] fields = encode(seq, at, actor, action, schoolId, subjectType, subjectId, before, after, prevHash);
        byte[] data = new byte[KEYED_DOMAIN.length + fields.length];
        System.arraycopy(KEYED_DOMAIN, 0, data, 0, KEYED_DOMAIN.length);
        System.arraycopy(fields, 0, data, KEYED_DOMAIN.length, fields.length);
        try {
            return HexFormat.of().formatHex(key.computeMac(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the audit key cannot compute a MAC", e);
        }
    }

    /** The link an entry should carry, by its version; {@code null} for a keyed entry when the key is unavailable. */
    static String of(AuditEntry e, Mac key) {
        if (e.linkVersion() == AuditEntry.KEYED_DIGEST) {
            return key == null ? null : keyedDigest(key, e.seq(), e.at(), e.actor(), e.action(), e.schoolId(),
                    e.subjectType(), e.subjectId(), e.beforeDigest(), e.afterDigest(), e.subjects(), e.prevHash());
        }
        if (e.linkVersion() == AuditEntry.KEYED) {
            return key == null ? null : keyed(key, e.seq(), e.at(), e.actor(), e.action(), e.schoolId(),
                    e.subjectType(), e.subjectId(), e.before(), e.after(), e.prevHash());
        }
        return of(e.seq(), e.at(), e.actor(), e.action(), e.schoolId(), e.subjectType(), e.subjectId(), e.before(),
                e.after(), e.prevHash());
    }

    private static byte[] encode(long seq, Instant at, String actor, String action, String schoolId,
                                 String subjectType, String subjectId, String before, String after, String prevHash) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String part : new String[] {Long.toString(seq), Long.toString(at.toEpochMilli()), actor, action,
                schoolId, subjectType, subjectId, before, after, prevHash}) {
            // length-prefixed so that moving characters between fields changes the link
            byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(Integer.toString(part == null ? -1 : bytes.length).getBytes(StandardCharsets.UTF_8));
            out.write(':');
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }
}
