package uk.hallmonitor.moderation.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import uk.hallmonitor.alerts.FeedReplay;

/** The live feed first replays the feed entries of every safeguarding alert nobody has acknowledged yet. */
@Component
record SafeguardingReplay(SafeguardingStore store) implements FeedReplay {

    @Override
    public Flux<String> sources(String schoolId) {
        return store.unacknowledged(schoolId).flatMapIterable(SafeguardingAlert::sources);
    }
}
