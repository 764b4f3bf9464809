package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.system.Platform;

/**
 * A stored post was edited on its platform: its text changed and the earlier text went into its history. Modules
 * that judged the old text (the classifier) may look again; the post keeps its id.
 *
 * @param postId   Hallmonitor's id of the post
 * @param schoolId the school it concerns
 * @param accountId the account it was collected for, or {@code null}
 * @param watchId  the watch that found it, or {@code null}
 * @param platform where it was posted
 * @param kind     what it is relative to the school
 * @param editedAt when the platform says it was edited, or when Hallmonitor saw the change
 */
public record PostEdited(String postId, String schoolId, String accountId, String watchId, Platform platform,
                         PostKind kind, Instant editedAt) {
}
