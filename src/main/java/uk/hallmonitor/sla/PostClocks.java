package uk.hallmonitor.sla;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Looks up the response clock of a post, for modules that show posts; roles are the caller's business. */
public interface PostClocks {

    /** The post's clock; empty when it has none (not a comment, mention or message to a school account). */
    Mono<PostClock> forPost(String postId);

    /**
     * The clocks of these posts that have one, by post id: one query for a page of rows (through the unique
     * {@code postId} index) instead of one per row.
     */
    default Mono<java.util.Map<String, PostClock>> forPosts(java.util.Collection<String> postIds) {
        return Flux.fromIterable(postIds).distinct()
                .concatMap(postId -> forPost(postId).map(found -> java.util.Map.entry(postId, found)))
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /**
     * Ends the post's open clock as handled without a reply ({@code how}: hidden, deleted, deleted on the platform),
     * by the staff member (or {@code null} for the platform); counted apart in compliance, never as a breach. Answers
     * the clock as it now is; empty when the post has no clock. A clock no longer open is left as it was.
     */
    Mono<PostClock> handledWithoutReply(String postId, String how, String staffId);
}
