package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.internal.PostAnnouncer;

/**
 * A post was stored for the first time and classified: the one announcement of a post, carrying everything its
 * listeners need (the stored post with its text, and the classifier's verdict), so none reads it back or classifies
 * it again. Edits of a known post publish {@link PostEdited} instead. Published by {@link PostAnnouncer} after the
 * verdict is stored with the post; a listener that must not miss one also sweeps {@link Posts} for announced posts
 * it has not handled, because an in-process event is gone if the process dies.
 *
 * @param post    the post as stored, with its {@link CollectedPost#verdict()} and {@link CollectedPost#announcedAt()}
 */
public record PostReceived(CollectedPost post) implements PostAnnouncement {

    /** The classifier's verdict on the text, or {@code null} when this service has no classifier. */
    public Verdict verdict() {
        return post.verdict();
    }

    /** The watch that found it, or {@code null}. */
    public String watchId() {
        return post.watchId();
    }

    public String text() {
        return post.text();
    }

    public Instant collectedAt() {
        return post.collectedAt();
    }
}
