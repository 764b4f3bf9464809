package uk.hallmonitor.accounts;

/** Where a school account is in its life. */
public enum AccountStatus {
    /** Approved by SLT; the administrator has yet to create it and store its credentials. */
    PROVISIONING,
    /** Running and polled. */
    ACTIVE,
    /** Fewer than two current runners: SLT must name more or close it. Still polled. */
    NEEDS_RUNNER,
    /** Temporarily not in use; not polled. */
    SUSPENDED,
    /** Closed for good, with a reason. */
    CLOSED
}
