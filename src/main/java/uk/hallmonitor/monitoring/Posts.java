package uk.hallmonitor.monitoring;

import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.web.PageResponse;

/**
 * The store of collected posts, for the modules that classify, moderate, time and report on them.
 *
 * <p>Consumers learn of new posts from {@link PostReceived} (which carries the post and its verdict), and must also
 * sweep for posts they have not handled, because an in-process event is gone if the process dies: mark each handled
 * post with {@link #markProcessed(String, String, Map)} and sweep {@link #unprocessed(String, Instant, int)} now and
 * then, skipping posts not yet {@link CollectedPost#announced() announced}; or keep their own records and sweep
 * {@link #announcedSince(Instant, int)} (or {@link #collectedAfter(SweepPosition, int)} when the verdict is not
 * needed), rewinding their position by a minute or so because instances stamp times independently.
 *
 * <p>Roles are not checked here: callers pass the school the user may see.
 */
public interface Posts {

    /** The post, or empty. */
    Mono<CollectedPost> post(String postId);

    /**
     * The posts of these ids that exist, in no particular order: one query for a page of rows instead of one per row.
     * At most a page's worth of ids (a few hundred) per call.
     */
    default Flux<CollectedPost> posts(java.util.Collection<String> postIds) {
        return Flux.fromIterable(postIds).distinct().concatMap(this::post);
    }

    /** The post with this platform id, or empty. */
    Mono<CollectedPost> byPlatformId(Platform platform, String platformPostId);

    /** One page of the posts matching the filter, newest collected first. */
    Mono<PageResponse<CollectedPost>> page(PostFilter filter, int page, int size);

    /** Posts in one conversation (thread) on a platform, oldest posted first. */
    Flux<CollectedPost> conversation(Platform platform, String conversationId);

    /** Up to {@code limit} posts collected after the position, in order of {@code collectedAt}, then id. */
    Flux<CollectedPost> collectedAfter(SweepPosition after, int limit);

    /**
     * Up to {@code limit} posts announced at or after the instant, in order of {@code announcedAt}, then id: a sweep
     * by this order never passes a post that is stored but not yet classified.
     */
    Flux<CollectedPost> announcedSince(Instant since, int limit);

    /**
     * Up to {@code limit} posts the consumer has not marked, collected before the given instant (leave the fast
     * path a head start), oldest first.
     */
    Flux<CollectedPost> unprocessed(String consumer, Instant collectedBefore, int limit);

    /**
     * Records what the consumer made of the post (its fields replace the consumer's earlier ones; other consumers'
     * fields are untouched). Consumer and field names are letters, digits and {@code _}. Emits whether the post exists.
     */
    Mono<Boolean> markProcessed(String postId, String consumer, Map<String, String> fields);

    /** Erases the post and its history (R11 erasure on request, purges). Emits whether it existed. */
    Mono<Boolean> erase(String postId);
}
