package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;

/**
 * A stored post in the {@code posts} collection, unique on (platform, platformPostId). {@code verdict} and
 * {@code announcedAt} are set together, once, by {@link PostAnnouncer}; until then the post is not announced.
 */
@Document("posts")
record PostDocument(@Id String id, String schoolId, String accountId, String watchId, Platform platform,
                    PostKind kind, String platformPostId, String authorId, String authorHandle, String text,
                    String url, String conversationId, String inReplyToId, Instant postedAt, Instant editedAt,
                    Instant collectedAt, Instant updatedAt, long revision, List<PostRevision> history,
                    Map<String, Map<String, String>> processing, Verdict verdict, Instant announcedAt) {

    CollectedPost view() {
        return new CollectedPost(id, schoolId, accountId, watchId, platform, kind, platformPostId, authorId,
                authorHandle, text, url, conversationId, inReplyToId, postedAt, editedAt, collectedAt, updatedAt,
                history, processing, verdict, announcedAt);
    }
}
