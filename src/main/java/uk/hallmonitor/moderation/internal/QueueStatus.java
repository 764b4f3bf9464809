package uk.hallmonitor.moderation.internal;

/** Where a flagged post is in the moderation queue. */
public enum QueueStatus {
    /** Waiting for a moderator. */
    OPEN,
    /** Dismissed as a false positive. */
    DISMISSED,
    /** Hidden, deleted, blocked or reported. */
    ACTIONED,
    /** An incident was opened for it. */
    ESCALATED;

    static QueueStatus after(ModerationAction action) {
        return switch (action) {
            case DISMISS -> DISMISSED;
            case ESCALATE -> ESCALATED;
            default -> ACTIONED;
        };
    }
}
