package uk.hallmonitor.monitoring.internal;

/** What happened when the dispatcher asked for a source to be polled. */
enum PollOutcome {
    /** Fetched, stored, cursor moved. */
    POLLED,
    /** The connector or the store failed; health recorded, cursor kept, next poll pushed out. */
    FAILED,
    /** Another instance held the source's lock. */
    LOCKED,
    /** Another instance polled it since the dispatcher looked. */
    NOT_DUE,
    /** The source spent its daily read budget; it waits for the next UTC day. */
    BUDGET_SPENT,
    /** The poll finished but someone else had moved the source meanwhile (its lock had expired); nothing moved. */
    SUPERSEDED,
    /** The poll died before finishing (a crash, or the fault-injection hook). */
    ABORTED
}
