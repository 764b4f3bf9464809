package uk.hallmonitor.monitoring;

/** What a collected post is, relative to the school. */
public enum PostKind {
    /** A comment or reply to one of the school account's posts: starts a response clock. */
    COMMENT,
    /** A mention of the school account by someone else: starts a response clock. */
    MENTION,
    /** A direct message to the school account, where a connector gets them: starts a response clock. */
    DIRECT_MESSAGE,
    /** A public post matching one of the school's watch terms: no clock. */
    PUBLIC_MENTION,
    /** A post or reply by the school account itself: stops clocks in its conversation, checked for pupil names. */
    OWN_POST
}
