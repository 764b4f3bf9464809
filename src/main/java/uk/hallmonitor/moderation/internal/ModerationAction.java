package uk.hallmonitor.moderation.internal;

/** What a moderator can do with a flagged post. */
public enum ModerationAction {
    /** A false positive: closes the item and becomes a labelled example for the classifier. */
    DISMISS,
    /** Hide the reply on the platform (where the connector can), otherwise recorded as done by hand. */
    HIDE,
    /** Delete it on the platform (where the connector can), otherwise recorded as done by hand. */
    DELETE,
    /** Block its author on the platform (done by hand and recorded). */
    BLOCK_AUTHOR,
    /** Report it to the platform (done by hand and recorded). */
    REPORT,
    /** Open an incident in the incident log. */
    ESCALATE,
    /**
     * Answer it as the school account with {@code replyText} (where the connector can; recorded as to be done by hand
     * otherwise). Added last so stored action names and orderings are unchanged.
     */
    REPLY
}
