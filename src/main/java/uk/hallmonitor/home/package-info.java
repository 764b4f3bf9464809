/**
 * The home page every login lands on: what needs the logged-in person now (decisions waiting for SLT, flagged posts
 * and clocks due for moderators and runners, unacknowledged safeguarding alerts for the DSL, accounts needing
 * runners or review, connection health), read through the other modules' public APIs only, like {@code reports}.
 * <p>
 * Departure from STYLE.md's table (which has no home row): like {@code reports}, it reads the public APIs of {@code
 * applications}, {@code accounts}, {@code moderation}, {@code alerts}, {@code incidents} and {@code sla},
 * and nothing else.
 */
package uk.hallmonitor.home;
