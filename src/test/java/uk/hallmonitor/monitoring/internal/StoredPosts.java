package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.Platform;

/**
 * Stores posts through monitoring's real post store, exactly as a poll does (so the post is announced, classified
 * once, by the real announcer), for the tests of the modules that take posts from monitoring.
 */
public final class StoredPosts {

    /** A post to store: who it is for, who wrote it, what it says. */
    public record Post(String schoolId, String accountId, String watchId, Platform platform, PostKind kind,
                       String platformPostId, String authorId, String authorHandle, String text, String url,
                       String conversationId, String inReplyToId, Instant postedAt) {
    }

    private StoredPosts() {
    }

    /** Stores the post (a poll's store: it is then announced off the caller) and answers its Hallmonitor id. */
    public static String store(ApplicationContext context, Post post) {
        boolean watch = post.accountId() == null;
        Source source = new Source(watch ? (post.watchId() == null ? "watch-test" : post.watchId()) : post.accountId(),
                post.schoolId(), post.platform(), watch ? null : "platform-" + post.accountId(), "handle", List.of(),
                Map.of(), 100);
        IncomingPost incoming = new IncomingPost(post.platformPostId(), post.kind(), post.authorId(),
                post.authorHandle(), post.text(), post.url(), post.conversationId(), post.inReplyToId(),
                post.postedAt(), null);
        return context.getBean(PostStore.class).store(source, incoming).block().post().id();
    }

    /**
     * The announcement of a post that is not in any store (for tests of a listener alone): the fields a clock or a
     * report reads, an empty text and no verdict (as from a service without a classifier).
     */
    public static PostReceived announcement(String postId, String schoolId, String accountId, Platform platform,
                                            PostKind kind, String platformPostId, String conversationId,
                                            String inReplyToId, Instant postedAt, Instant collectedAt) {
        return new PostReceived(new CollectedPost(postId, schoolId, accountId, null, platform, kind, platformPostId,
                "author-" + postId, "author", "", null, conversationId, inReplyToId, postedAt, null, collectedAt,
                collectedAt, List.of(), Map.of(), null, collectedAt));
    }
}
