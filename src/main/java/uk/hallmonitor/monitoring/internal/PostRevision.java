package uk.hallmonitor.monitoring.internal;

import java.time.Instant;

/**
 * An earlier text of an edited post.
 *
 * @param text       the text as it was
 * @param editedAt   when the platform said that text was written or edited, or {@code null}
 * @param replacedAt when Hallmonitor saw the newer text
 */
public record PostRevision(String text, Instant editedAt, Instant replacedAt) {
}
