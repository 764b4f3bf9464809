package uk.hallmonitor.sla;

import reactor.core.publisher.Mono;

/** Looks up the response clock of a post, for modules that show posts; roles are the caller's business. */
public interface PostClocks {

    /** The post's clock; empty when it has none (not a comment, mention or message to a school account). */
    Mono<PostClock> forPost(String postId);
}
