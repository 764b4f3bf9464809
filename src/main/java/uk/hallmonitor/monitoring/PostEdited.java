package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.internal.PostAnnouncer;

/**
 * A stored post was edited on its platform: its text changed and the earlier text went into its history. Carries
 * the new text (in {@code post}) and the classifier's verdict on it, so modules that judged the old text look again
 * without classifying it themselves; the post keeps its id. Published by {@link PostAnnouncer} off the poll.
 *
 * @param post    the post as stored after the edit
 * @param verdict the classifier's verdict on the new text, or {@code null} when this service has no classifier
 */
public record PostEdited(CollectedPost post, Verdict verdict) implements PostAnnouncement {

    /** When the platform says it was edited, or when Hallmonitor saw the change. */
    public Instant editedAt() {
        return post.editedAt();
    }
}
