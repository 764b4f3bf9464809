package uk.hallmonitor.monitoring;

import java.time.Instant;

/**
 * Where a consumer's sweep of the posts store stands: posts are swept in order of {@code collectedAt}, then id.
 * {@link #START} sweeps from the first post.
 */
public record SweepPosition(Instant collectedAt, String postId) {

    public static final SweepPosition START = new SweepPosition(Instant.EPOCH, "");

    /** The same position moved back by a safety margin, for posts stored late by a slower instance. */
    public SweepPosition rewoundBy(java.time.Duration margin) {
        return new SweepPosition(collectedAt.minus(margin), "");
    }
}
