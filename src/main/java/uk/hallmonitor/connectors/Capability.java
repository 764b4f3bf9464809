package uk.hallmonitor.connectors;

/** What a connector can do on its platform. */
public enum Capability {
    /** Comments and replies on the school account's posts. */
    COMMENTS,
    /** Mentions of the school account. */
    MENTIONS,
    /** Keyword search for a school's watch terms. */
    SEARCH,
    /** The school account's own posts and replies (stops response clocks). */
    OWN_POSTS,
    /** Direct messages to the school account. */
    DIRECT_MESSAGES,
    /** Hiding a reply on the platform. */
    HIDE_REPLY,
    /** Deleting a reply on the platform. */
    DELETE_REPLY,
    /** Replying as the school account. */
    REPLY
}
