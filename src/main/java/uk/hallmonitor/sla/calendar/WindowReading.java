package uk.hallmonitor.sla.calendar;

/** How a school reads a 24-hour window that ends on a non-working day. */
public enum WindowReading {
    /** Due when the 24 hours end, even on a non-working day: the policy's own words, and the default. */
    STRICT,
    /** Due by the close of the next working day after the day the 24 hours end on. */
    KIND
}
