/**
 * The home page every login lands on: what needs the logged-in person now (decisions waiting for SLT, flagged posts
 * and clocks due for moderators and runners, unacknowledged safeguarding alerts for the DSL, accounts needing
 * runners or review, connection health), read through the other modules' public APIs only, like {@code reports}.
 */
package uk.hallmonitor.home;
