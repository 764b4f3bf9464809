package uk.hallmonitor.moderation;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The live in-app feed: alerts are handed to every connected screen of this instance. Screens that connect later
 * read the queue itself; the feed only saves them from polling. With several instances each one's feed carries the
 * alerts that instance dispatched, so a screen may miss some live entries but never misses queue items.
 */
@Component
class FeedChannel implements AlertChannel {

    private final Sinks.Many<FeedEvent> live = Sinks.many().multicast().directBestEffort();

    @Override
    public Channel channel() {
        return Channel.FEED;
    }

    @Override
    public Mono<SendResult> send(Alert alert) {
        FeedEvent event = new FeedEvent(alert.id(), alert.schoolId(), alert.sourceKey(), alert.subject(),
                alert.body(), alert.createdAt());
        synchronized (live) {
            live.tryEmitNext(event);
        }
        return Mono.just(SendResult.sent());
    }

    /** Everything dispatched from now on. */
    Flux<FeedEvent> events() {
        return live.asFlux();
    }
}
