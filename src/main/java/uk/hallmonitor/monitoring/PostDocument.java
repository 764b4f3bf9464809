package uk.hallmonitor.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.system.Platform;

/** A stored post in the {@code posts} collection, unique on (platform, platformPostId). */
@Document("posts")
record PostDocument(@Id String id, String schoolId, String accountId, String watchId, Platform platform,
                    PostKind kind, String platformPostId, String authorId, String authorHandle, String text,
                    String url, String conversationId, String inReplyToId, Instant postedAt, Instant editedAt,
                    Instant collectedAt, Instant updatedAt, long revision, List<PostRevision> history,
                    Map<String, Map<String, String>> processing) {

    CollectedPost view() {
        return new CollectedPost(id, schoolId, accountId, watchId, platform, kind, platformPostId, authorId,
                authorHandle, text, url, conversationId, inReplyToId, postedAt, editedAt, collectedAt, updatedAt,
                history, processing);
    }
}
