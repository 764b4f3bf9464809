package uk.hallmonitor.monitoring;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import uk.hallmonitor.system.Platform;

/**
 * Which posts to list; every {@code null} or empty part matches everything. The caller decides which school the
 * user may see and passes it: {@link Posts} does not check roles.
 *
 * @param schoolId      only this school's posts
 * @param accountId     only posts collected for this account
 * @param watchId       only posts found by this watch
 * @param platform      only this platform
 * @param kind          only this kind
 * @param processing    consumer fields that must hold these values, keyed {@code consumer.field}, e.g.
 *                      {@code "moderation.flagged" -> "true"}
 * @param unprocessedBy consumers that must not have marked the post yet
 * @param collectedFrom collected at or after
 * @param collectedTo   collected before
 */
public record PostFilter(String schoolId, String accountId, String watchId, Platform platform, PostKind kind,
                         Map<String, String> processing, Set<String> unprocessedBy, Instant collectedFrom,
                         Instant collectedTo) {

    public PostFilter {
        processing = processing == null ? Map.of() : Map.copyOf(processing);
        unprocessedBy = unprocessedBy == null ? Set.of() : Set.copyOf(unprocessedBy);
    }

    /** Every post. */
    public static PostFilter all() {
        return new PostFilter(null, null, null, null, null, null, null, null, null);
    }

    /** Every post of one school. */
    public static PostFilter school(String schoolId) {
        return all().withSchool(schoolId);
    }

    public PostFilter withSchool(String school) {
        return new PostFilter(school, accountId, watchId, platform, kind, processing, unprocessedBy, collectedFrom,
                collectedTo);
    }

    public PostFilter withAccount(String account) {
        return new PostFilter(schoolId, account, watchId, platform, kind, processing, unprocessedBy, collectedFrom,
                collectedTo);
    }

    public PostFilter withWatch(String watch) {
        return new PostFilter(schoolId, accountId, watch, platform, kind, processing, unprocessedBy, collectedFrom,
                collectedTo);
    }

    public PostFilter withPlatform(Platform onPlatform) {
        return new PostFilter(schoolId, accountId, watchId, onPlatform, kind, processing, unprocessedBy,
                collectedFrom, collectedTo);
    }

    public PostFilter withKind(PostKind ofKind) {
        return new PostFilter(schoolId, accountId, watchId, platform, ofKind, processing, unprocessedBy,
                collectedFrom, collectedTo);
    }

    /** Only posts whose {@code consumer} recorded {@code field = value}. */
    public PostFilter withProcessing(String consumer, String field, String value) {
        Map<String, String> more = new HashMap<>(processing);
        more.put(consumer + "." + field, value);
        return new PostFilter(schoolId, accountId, watchId, platform, kind, more, unprocessedBy, collectedFrom,
                collectedTo);
    }

    /** Only posts the consumer has not marked yet. */
    public PostFilter withUnprocessedBy(String consumer) {
        Set<String> more = new HashSet<>(unprocessedBy);
        more.add(consumer);
        return new PostFilter(schoolId, accountId, watchId, platform, kind, processing, more, collectedFrom,
                collectedTo);
    }

    public PostFilter withCollectedBetween(Instant from, Instant to) {
        return new PostFilter(schoolId, accountId, watchId, platform, kind, processing, unprocessedBy, from, to);
    }
}
