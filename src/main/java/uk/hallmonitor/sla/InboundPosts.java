package uk.hallmonitor.sla;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostReceived;

/**
 * What the SLA reads of the stored posts, so that no item misses its clock when a {@code PostReceived} event is lost.
 * The monitoring module's post store satisfies it; until then {@link MongoInboundPosts} reads the {@code posts}
 * collection directly.
 */
public interface InboundPosts {

    /** Posts of every kind stored at or after the instant, oldest first, at most {@code limit} of them. */
    Flux<PostReceived> collectedSince(Instant since, int limit);

    /** The text of a stored post (for the optional praise exclusion), or empty when it is unknown. */
    Mono<String> text(String postId);
}
