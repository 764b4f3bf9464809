package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.system.Platform;

/**
 * A post was stored for the first time (edits of a known post do not publish this again). Published after the
 * post is durably stored; consumers that must not miss one also sweep the store.
 *
 * @param postId         Hallmonitor's id of the stored post
 * @param schoolId       the school it concerns
 * @param accountId      the school account it was collected for, or {@code null} for a public mention found by a watch
 * @param watchId        the watch that found it, or {@code null}
 * @param platform       where it was posted
 * @param kind           what it is relative to the school
 * @param platformPostId the platform's own id
 * @param conversationId the platform's conversation or thread id, or {@code null}
 * @param inReplyToId    the platform post id it replies to, or {@code null}
 * @param postedAt       when the platform says it was posted (clamped to the collection time when in the future)
 * @param collectedAt    when Hallmonitor stored it
 */
public record PostReceived(String postId, String schoolId, String accountId, String watchId, Platform platform,
                           PostKind kind, String platformPostId, String conversationId, String inReplyToId,
                           Instant postedAt, Instant collectedAt) {
}
