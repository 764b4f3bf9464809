package uk.hallmonitor.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** The SHA-256 link of the chain: over every field of an entry and the previous entry's hash. */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(long seq, Instant at, String actor, String action, String schoolId, String subjectType,
                     String subjectId, String before, String after, String prevHash) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {Long.toString(seq), Long.toString(at.toEpochMilli()), actor, action,
                    schoolId, subjectType, subjectId, before, after, prevHash}) {
                // length-prefixed so that moving characters between fields changes the hash
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                digest.update(Integer.toString(part == null ? -1 : bytes.length).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(AuditEntry e) {
        return of(e.seq(), e.at(), e.actor(), e.action(), e.schoolId(), e.subjectType(), e.subjectId(), e.before(),
                e.after(), e.prevHash());
    }
}
