/**
 * Monitoring (R4, R8): polls every monitored school account and every public-mention watch through the connector SPI,
 * stores each post once in {@code posts} (unique on platform and platform post id; edits keep the id, the newest text
 * and the history), and keeps per connection a cursor, a due time and a health record in {@code poll_cursors}. A Quartz
 * trigger (RAM job store) runs a dispatch round every few seconds; each poll holds a ShedLock lock on its source
 * ({@code shedLock} collection), stores the batch, then moves the cursor, so several instances share the work and a
 * crash re-fetches instead of skipping. Failures back off with jitter, are shown on the register and, once per episode,
 * raise {@link uk.hallmonitor.monitoring.ConnectionFailing}.
 * <p>
 * The poll, a webhook delivery and an import only store: a new or edited post is handed to the {@link
 * uk.hallmonitor.monitoring.internal.PostAnnouncer}'s queue, so a poll's lock is held for fetch and store alone. The
 * announcer classifies the text once, stores the verdict with the post and stamps {@code announcedAt} in one
 * compare-and-set update, then publishes {@link uk.hallmonitor.monitoring.PostReceived} carrying the post and the
 * verdict (an edit: {@link uk.hallmonitor.monitoring.PostEdited} with the verdict on the new text). Nothing accepted is
 * lost across a kill -9: the queue is in memory, but a stored post without {@code announcedAt} is found by the
 * announcer's sweep, and a post announced whose event was lost by each listener's own sweep of announced posts ({@link
 * uk.hallmonitor.monitoring.Posts#unprocessed} or {@link uk.hallmonitor.monitoring.Posts#announcedSince}). Other
 * modules read posts through {@link uk.hallmonitor.monitoring.Posts} and keep their own progress with its processing
 * marks or sweeps. The package root is that API (the posts, their events and kinds, the connection events); polling,
 * the stores, the announcer, token checks, watches and webhooks are in {@code monitoring.internal}.
 * <p>
 * Departures from STYLE.md's table: it also uses {@code schools} on the watches page, to name each watch's school and
 * offer only the schools the person may change; and {@code classification} to classify each post once before announcing
 * it, so that no listener classifies it again; and {@code alerts} to turn its own events (a connection failing, an
 * access token expiring) into notices.
 */
package uk.hallmonitor.monitoring;
