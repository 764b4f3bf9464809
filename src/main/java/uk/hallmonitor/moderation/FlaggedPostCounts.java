package uk.hallmonitor.moderation;

import java.time.Instant;
import java.util.Map;
import reactor.core.publisher.Mono;

/** How many posts were flagged for a school over a period, for the leadership report: counts only, never content. */
public interface FlaggedPostCounts {

    /** Posts collected in {@code [from, to)} that the classifier flagged. */
    Mono<Figures> between(String schoolId, Instant from, Instant to);

    /**
     * The counts.
     *
     * @param flagged          posts flagged
     * @param safeguarding     of which went to the designated safeguarding lead
     * @param suspectedIllegal of which were sealed as suspected illegal content (R7)
     * @param stillOpen        of which nobody has acted on yet
     * @param byCategory       by the post's main category (its highest-scoring one), in {@code Category} order
     * @param bySeverity       by severity, most severe first
     */
    record Figures(long flagged, long safeguarding, long suspectedIllegal, long stillOpen,
                   Map<String, Long> byCategory, Map<String, Long> bySeverity) {
    }
}
