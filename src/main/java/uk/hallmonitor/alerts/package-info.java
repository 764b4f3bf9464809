/**
 * Alerts: who is told what, and how. Every alert goes through an outbox in the database ({@code alerts}) that is
 * written before anything is sent, claimed atomically by a dispatcher, retried with backoff and never sent twice for
 * the same source, recipient and channel. Channels: email (with a digest for held low-severity alerts), Teams and
 * Slack incoming webhooks, and the live feed (server-sent events); an alert its channel cannot deliver falls through
 * to the recipient's next channel, ending in the in-app feed, which replays what a screen missed. Other modules tell
 * people things through {@link uk.hallmonitor.alerts.Notices} (each module turns its own events into notices);
 * moderation routes flagged posts and safeguarding escalations itself and records them through
 * {@link uk.hallmonitor.alerts.AlertOutbox}, reading each school's rules ({@link uk.hallmonitor.alerts.AlertSettings},
 * the {@code /api/v1/moderation/settings} resource). The notification centre
 * ({@link uk.hallmonitor.alerts.AlertCentre}) shows a person their alerts. The live feed replays what modules above it hold open through the
 * {@link uk.hallmonitor.alerts.FeedReplay} they publish, so nothing here depends on them. The outbox's settings keep
 * the {@code hallmonitor.moderation} prefix they had before this module left moderation.
 * <p>
 * Departures from STYLE.md's table (schools, accounts): it uses {@code classification} for the {@code Severity} of
 * a school's alerting floors; it does not use {@code accounts} (moderation, which routes a post on an account, reads
 * the account's runners itself).
 */
package uk.hallmonitor.alerts;
