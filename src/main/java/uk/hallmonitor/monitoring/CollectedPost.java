package uk.hallmonitor.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.internal.PostRevision;
import uk.hallmonitor.system.Platform;

/**
 * A post Hallmonitor collected, as other modules read it through {@link Posts}.
 *
 * @param id             Hallmonitor's id (the {@code postId} of {@link PostReceived})
 * @param schoolId       the school it concerns
 * @param accountId      the school account it was collected for, or {@code null} for a public mention
 * @param watchId        the watch that found it, or {@code null}
 * @param platform       where it was posted
 * @param kind           what it is relative to the school
 * @param platformPostId the platform's own id; unique per platform
 * @param authorId       the platform's id of the author
 * @param authorHandle   the author's handle
 * @param text           the newest text (plain)
 * @param url            link to the post on the platform, or {@code null}
 * @param conversationId thread id, or {@code null}
 * @param inReplyToId    the platform post id it replies to, or {@code null}
 * @param postedAt       when the platform says it was posted (never later than {@code collectedAt})
 * @param editedAt       when the platform says it was last edited, or {@code null}
 * @param collectedAt    when Hallmonitor first stored it
 * @param updatedAt      when Hallmonitor last changed its text
 * @param history        earlier texts, oldest first
 * @param processing     what each consumer module recorded about it: consumer name to its fields
 * @param verdict        the classifier's verdict on the text it was announced with, or {@code null} before it is
 *                       announced (or when the service has no classifier)
 * @param announcedAt    when {@link PostReceived} was first published for it, or {@code null} before that
 */
public record CollectedPost(String id, String schoolId, String accountId, String watchId, Platform platform,
                            PostKind kind, String platformPostId, String authorId, String authorHandle, String text,
                            String url, String conversationId, String inReplyToId, Instant postedAt, Instant editedAt,
                            Instant collectedAt, Instant updatedAt, List<PostRevision> history,
                            Map<String, Map<String, String>> processing, Verdict verdict,
                            Instant announcedAt) {

    public CollectedPost {
        history = history == null ? List.of() : List.copyOf(history);
        processing = processing == null ? Map.of() : Map.copyOf(processing);
    }

    /** Whether the post has been announced (classified, and {@link PostReceived} published). */
    public boolean announced() {
        return announcedAt != null;
    }

    /** Whether the post was edited after it was first collected. */
    public boolean edited() {
        return !history.isEmpty();
    }

    /** The position of this post in a sweep ordered by collection time. */
    public SweepPosition position() {
        return new SweepPosition(collectedAt, id);
    }
}
