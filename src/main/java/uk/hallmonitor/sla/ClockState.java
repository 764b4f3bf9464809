package uk.hallmonitor.sla;

/** Where a response clock is. */
public enum ClockState {
    /** Waiting for a reply; reminders go out before the due time. */
    OPEN,
    /** Replied to or acknowledged (late when after the due time). */
    MET,
    /** The due time passed without a reply; SLT were told. A later reply makes it {@link #MET} late. */
    BREACHED,
    /** Praise the school chose not to clock (or a post edited into spam); kept so the item is not clocked again. */
    EXCLUDED,
    /**
     * Handled without a reply: a moderator hid, deleted or removed it, or it was deleted on the platform. Not a
     * breach and not a reply: compliance counts it apart.
     */
    HANDLED
}
