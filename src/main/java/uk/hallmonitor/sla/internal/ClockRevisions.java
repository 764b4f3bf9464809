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
class ClockRevisions implements DomainEventListener<PostEdited> {

    private final ResponseClocks clocks;
    private final ClockQueue queue;

    ClockRevisions(ResponseClocks clocks, ClockQueue queue) {
        this.clocks = clocks;
        this.queue = queue;
    }

    @Override
    public Mono<Void> on(PostEdited event) {
        queue.add("edit of post " + event.postId(), () -> clocks.edited(event));
        return Mono.empty();
    }
}
