package uk.hallmonitor.alerts;

import reactor.core.publisher.Flux;

/**
 * What the live feed sends first to someone who connects afresh: the sources another module still holds open
 * (moderation's unacknowledged safeguarding alerts). Published here and implemented there, so the feed needs nothing
 * of the module above it.
 */
public interface FeedReplay {

    /** The source keys to replay, oldest first; {@code schoolId} is {@code null} for every school. */
    Flux<String> sources(String schoolId);
}
