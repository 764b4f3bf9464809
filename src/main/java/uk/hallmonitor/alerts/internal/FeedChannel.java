package uk.hallmonitor.alerts.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.alerts.AlertFeed;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.FeedEvent;

/**
 * The live in-app feed: every recipient has it, so it is the channel an alert falls through to last. Dispatching an
 * entry tells this instance's connected screens to read the outbox's feed entries after the last they sent (in feed
 * order), so a screen never misses an entry, whichever instance dispatched it, and never gets one twice.
 */
@Component
class FeedChannel implements AlertChannel, AlertFeed {

    private final Sinks.Many<FeedEvent> live = Sinks.many().multicast().directBestEffort();

    @Override
    public Channel channel() {
        return Channel.FEED;
    }

    @Override
    public Mono<SendResult> send(Alert alert) {
        FeedEvent event = alert.feedEvent();
        synchronized (live) {
            live.tryEmitNext(event);
        }
        return Mono.just(SendResult.sent());
    }

    /** Everything dispatched from now on. */
    @Override
    public Flux<FeedEvent> events() {
        return live.asFlux();
    }
}
