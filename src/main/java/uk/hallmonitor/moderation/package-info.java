/**
 * Moderation: every announced post's verdict (classified once by monitoring, carried by
 * {@link uk.hallmonitor.monitoring.PostReceived}) is stored keyed by post id (the triage queues the event and
 * sweeps announced posts it has not marked, so a kill -9 loses nothing), flagged posts enter the
 * moderation queue and are routed to the right people (the account's moderators and runners, the school's
 * moderators for public mentions, the DSL at once for safeguarding), and every alert goes through an outbox in the
 * database ({@code alerts}) that is written before anything is sent, claimed atomically by a dispatcher, retried with
 * backoff and never sent twice for the same source, recipient and channel. Channels: email, Teams and Slack incoming
 * webhooks, and the live feed (server-sent events). Suspected illegal content (R7) is sealed with an AEAD key and
 * its alert carries only the incident number, the platform, the time and the instruction to report to the IWF.
 * A HIGH or CRITICAL safeguarding matter also becomes a safeguarding alert that a person must acknowledge, or it
 * climbs to the deputy DSLs and then the head teacher ({@code Escalations}, one compare-and-set per step); a CRITICAL
 * one opens an incident owned by the DSL at once. An alert its channel cannot deliver falls through to the
 * recipient's next channel, ending in the in-app feed, which replays what a screen missed.
 * Other modules hand their notices to people through {@link uk.hallmonitor.moderation.Notices}; escalations reach
 * the incident log through the {@link uk.hallmonitor.moderation.IncidentDesk} port that {@code incidents} implements,
 * so the dependency runs from incidents to moderation only.
 * <p>
 * Departures from STYLE.md's table: it still contains the alerts module STYLE.md lists apart (so it uses {@code
 * schools} and {@code accounts} for recipients), it uses {@code connectors} to carry out hide, delete and reply on
 * the platform, {@code sla} to show and stop a post's response clock and to turn reminders and breaches into
 * notices, and {@code vault} only for the vault's events that become notices (credential rotation due, break-glass
 * used).
 */
package uk.hallmonitor.moderation;
