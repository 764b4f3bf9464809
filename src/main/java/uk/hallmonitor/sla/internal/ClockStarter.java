package uk.hallmonitor.sla.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.events.DomainEventListener;

/**
 * The fast path: queues the start (or, for the school's own post, the stop) of clocks as posts are announced, with
 * the verdict the announcement carries; the sweep catches whatever this misses.
 */
@Component
record ClockStarter(ResponseClocks clocks, ClockQueue queue) implements DomainEventListener<PostReceived> {

    @Override
    public Mono<Void> on(PostReceived event) {
        queue.add("post " + event.postId(), () -> clocks.take(event.post()));
        return Mono.empty();
    }
}
