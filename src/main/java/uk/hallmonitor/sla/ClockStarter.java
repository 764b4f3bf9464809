package uk.hallmonitor.sla;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.events.DomainEventListener;

/** The fast path: starts or stops clocks as posts are stored; the sweep catches whatever this misses. */
@Component
class ClockStarter implements DomainEventListener<PostReceived> {

    private final ResponseClocks clocks;

    ClockStarter(ResponseClocks clocks) {
        this.clocks = clocks;
    }

    @Override
    public Mono<Void> on(PostReceived event) {
        return clocks.take(event);
    }
}
