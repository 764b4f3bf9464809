package uk.hallmonitor.system.security;

/** The roles of {@code API.md}: {@link #ADMIN} is trust-wide, every other role is held in one school. */
public enum Role {
    /** Trust-wide IT administrator. */
    ADMIN,
    /** Senior leadership team: approves applications, leads on incidents, receives escalations. */
    SLT,
    /** Designated safeguarding lead: receives safeguarding alerts and owns the incident log. */
    DSL,
    /**
     * Deputy designated safeguarding lead: acknowledges safeguarding alerts like the DSL and is the first step of the
     * escalation ladder when the DSL has not acknowledged one in time.
     */
    DEPUTY_DSL,
    /** Head teacher: break-glass access to credentials, sees all reports. */
    HEADTEACHER,
    /** Monitors and moderates the school's accounts. */
    MODERATOR,
    /** Any member of staff: applies for and runs accounts. */
    STAFF,
    /** Read-only reports and audit trail. */
    GOVERNOR
}
