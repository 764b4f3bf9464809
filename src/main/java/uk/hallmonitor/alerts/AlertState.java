package uk.hallmonitor.alerts;

/** Where an alert is in the outbox. */
public enum AlertState {
    /** Waiting for the next digest (low severity). */
    HELD,
    /** Recorded, to be sent at {@code nextAttemptAt}. */
    PENDING,
    /** Claimed by one dispatcher until its lease ends; a crashed dispatcher's lease runs out and it is sent again. */
    SENDING,
    /** Handed to the channel. */
    SENT,
    /** Cannot be delivered as configured (no mail server, no address, no webhook): kept, shown, never dropped. */
    UNDELIVERABLE,
    /** Folded into a digest alert, which carries the delivery. */
    DIGESTED
}
