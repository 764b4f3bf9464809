package uk.hallmonitor.sla.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.system.events.DomainEventListener;

/**
 * A post edited on its platform is judged again by the verdict on its new text (queued): an open clock of a post
 * edited into spam ends as excluded.
 */
@Component
record ClockRevisions(ResponseClocks clocks, ClockQueue queue) implements DomainEventListener<PostEdited> {

    @Override
    public Mono<Void> on(PostEdited event) {
        queue.add("edit of post " + event.postId(), () -> clocks.edited(event));
        return Mono.empty();
    }
}
