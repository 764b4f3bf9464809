package uk.hallmonitor.sla;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.system.events.DomainEventListener;

/** A post edited on its platform is judged again: an open clock of a post edited into spam ends as excluded. */
@Component
class ClockRevisions implements DomainEventListener<PostEdited> {

    private final ResponseClocks clocks;

    ClockRevisions(ResponseClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public Mono<Void> on(PostEdited event) {
        return clocks.edited(event.postId()).then();
    }
}
