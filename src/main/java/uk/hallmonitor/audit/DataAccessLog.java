package uk.hallmonitor.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Who looked at whose data (R11): reading a post's content, a sealed item's metadata, a roster or a revealed secret
 * is appended to the audit trail with the people it is about, so that {@code GET /api/v1/audit?subject=} answers
 * "who has seen this person's data". People are named by a key ({@link #handle} for a member of the public on a
 * platform, {@link #staff} for a member of staff) that the trail stores only as a pseudonym ({@link #pseudonym}).
 */
public interface DataAccessLog {

    /**
     * Records that {@code actor} read the record; completes once it is in the trail.
     *
     * @param actor      username of who looked
     * @param schoolId   the record's school
     * @param recordType e.g. {@code post}, {@code roster}, {@code sealed-item}
     * @param recordId   the record's id
     * @param subjects   whose data it holds ({@link #handle}/{@link #staff} keys); may be empty
     */
    Mono<Void> viewed(String actor, String schoolId, String recordType, String recordId, Collection<String> subjects);

    /** The key of a person on a platform: {@code X:@handle} (any case, with or without the {@code @}). */
    static String handle(String platform, String handle) {
        String name = handle == null ? "" : handle.strip();
        name = name.startsWith("@") ? name.substring(1) : name;
        return (platform == null ? "" : platform.strip().toUpperCase(Locale.ROOT)) + ":@"
                + name.toLowerCase(Locale.ROOT);
    }

    /** The key of a member of staff. */
    static String staff(String staffId) {
        return "staff:" + (staffId == null ? "" : staffId.strip());
    }

    /**
     * The key as written by a person asking ({@code X:@someone}, {@code staff:ID}) made canonical, or {@code null}
     * when it is neither form.
     */
    static String parse(String key) {
        if (key == null) {
            return null;
        }
        String text = key.strip();
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return null;
        }
        String kind = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        return "staff".equalsIgnoreCase(kind) ? staff(rest) : handle(kind, rest);
    }

    /** What the trail stores for a key: a SHA-256, so the entries themselves never spell out the handle. */
    static String pseudonym(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("hallmonitor.subject\n" + key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pseudonyms of the keys. */
    static List<String> pseudonyms(Collection<String> keys) {
        return keys == null ? List.of() : keys.stream().map(DataAccessLog::pseudonym).distinct().sorted().toList();
    }
}
