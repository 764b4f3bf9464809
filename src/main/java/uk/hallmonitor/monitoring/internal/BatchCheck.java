package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.monitoring.PostKind;

/**
 * Makes a connector's batch safe to store without losing the rest of it: posts without an id are dropped, duplicate
 * ids keep the newest version, unknown kinds get the source's default kind, timestamps from the future (clock skew)
 * are clamped to now, overlong texts are cut. Each repair becomes a warning on the connection's health.
 *
 * @param posts    what to store, in the batch's order
 * @param warnings what was repaired, the connector's own warnings first
 */
record BatchCheck(List<IncomingPost> posts, List<String> warnings) {

    /** Longer texts are cut: no platform allows more, so more is a broken or hostile body. */
    static final int MAX_TEXT = 20_000;
    /** Ids, handles and urls longer than this are cut. */
    static final int MAX_FIELD = 2_000;

    static BatchCheck of(Batch batch, Source source, Instant now) {
        List<String> warnings = new ArrayList<>(batch.warnings());
        Map<String, IncomingPost> byId = new LinkedHashMap<>();
        int missingIds = 0;
        int duplicates = 0;
        int clamped = 0;
        int unknownKinds = 0;
        int cut = 0;
        for (FetchedPost fetched : batch.posts()) {
            if (fetched == null || fetched.platformPostId() == null || fetched.platformPostId().isBlank()) {
                missingIds++;
                continue;
            }
            PostKind kind = kindOf(fetched.kind(), source);
            if (kind == null) {
                unknownKinds++;
                kind = source.isWatch() ? PostKind.PUBLIC_MENTION : PostKind.COMMENT;
            }
            Instant postedAt = fetched.postedAt() == null ? now : fetched.postedAt();
            if (postedAt.isAfter(now)) {
                clamped++;
                postedAt = now;
            }
            Instant editedAt = fetched.editedAt();
            if (editedAt != null && editedAt.isAfter(now)) {
                clamped++;
                editedAt = now;
            }
            String text = fetched.text() == null ? "" : fetched.text();
            if (text.length() > MAX_TEXT) {
                cut++;
                text = text.substring(0, MAX_TEXT);
            }
            IncomingPost post = new IncomingPost(field(fetched.platformPostId()), kind, field(fetched.authorId()),
                    field(fetched.authorHandle()), text, field(fetched.url()), field(fetched.conversationId()),
                    field(fetched.inReplyToId()), millis(postedAt), millis(editedAt));
            IncomingPost earlier = byId.get(post.platformPostId());
            if (earlier != null) {
                duplicates++;
                if (newer(earlier, post)) {
                    continue;
                }
                byId.remove(post.platformPostId());
            }
            byId.put(post.platformPostId(), post);
        }
        note(warnings, missingIds, "post(s) without an id dropped");
        note(warnings, duplicates, "duplicate post id(s) in one batch merged");
        note(warnings, clamped, "timestamp(s) in the future clamped to now");
        note(warnings, unknownKinds,
                "post(s) of unknown kind stored as " + (source.isWatch() ? "PUBLIC_MENTION" : "COMMENT"));
        note(warnings, cut, "text(s) longer than " + MAX_TEXT + " characters cut");
        return new BatchCheck(List.copyOf(byId.values()), List.copyOf(warnings));
    }

    /** A watch only ever finds public mentions, whatever the connector calls them. */
    private static PostKind kindOf(String kind, Source source) {
        if (source.isWatch()) {
            return PostKind.PUBLIC_MENTION;
        }
        if (kind == null) {
            return null;
        }
        try {
            return PostKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }

    private static boolean newer(IncomingPost kept, IncomingPost other) {
        if (kept.editedAt() == null) {
            return false;
        }
        return other.editedAt() == null || kept.editedAt().isAfter(other.editedAt());
    }

    private static String field(String value) {
        return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }

    /** The store keeps milliseconds: cut here so that comparisons after a round trip agree. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : Instant.ofEpochMilli(instant.toEpochMilli());
    }

    private static void note(List<String> warnings, int count, String what) {
        if (count > 0) {
            warnings.add(count + " " + what);
        }
    }
}
