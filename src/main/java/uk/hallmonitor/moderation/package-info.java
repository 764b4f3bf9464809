/**
 * Moderation: every announced post's verdict (classified once by monitoring, carried by
 * {@link uk.hallmonitor.monitoring.PostReceived}) is stored keyed by post id (the triage queues the event and
 * sweeps announced posts it has not marked, so a kill -9 loses nothing), flagged posts enter the moderation queue and
 * are routed to the right people (the account's moderators and runners, the school's moderators for public mentions,
 * the DSL at once for safeguarding) through the outbox of {@code alerts}. Suspected illegal content (R7) is sealed
 * with an AEAD key and its alert carries only the incident number, the platform, the time and the instruction to
 * report to the IWF. A HIGH or CRITICAL safeguarding matter also becomes a safeguarding alert that a person must
 * acknowledge, or it climbs to the deputy DSLs and then the head teacher ({@code Escalations}, one compare-and-set per
 * step); a CRITICAL one opens an incident owned by the DSL at once. Escalations reach the incident log through the
 * {@link uk.hallmonitor.moderation.IncidentDesk} port that {@code incidents} implements, so the dependency runs from
 * incidents to moderation only.
 * <p>
 * The package root is what other modules use: the {@link uk.hallmonitor.moderation.IncidentDesk} port and its
 * request, the {@link uk.hallmonitor.moderation.PostFlagged} event, the inbox read by the home page
 * ({@link uk.hallmonitor.moderation.ModerationInbox}) and the figures read by the reports. Triage, the queue and its
 * actions, routing, safeguarding alerts, the stores, controllers and pages are in {@code moderation.internal}.
 * <p>
 * Departures from STYLE.md's table: it uses {@code schools} and {@code accounts} to route a flagged post (the
 * school's moderators and DSL, the account's runners), {@code connectors} to carry out hide, delete and reply on the
 * platform, and {@code sla} to show and stop a post's response clock. Safeguarding alerts, their acknowledgement and
 * escalation stay here rather than in {@code alerts}: they are built from verdicts and open incidents.
 */
package uk.hallmonitor.moderation;
