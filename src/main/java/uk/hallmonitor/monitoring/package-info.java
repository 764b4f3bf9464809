/**
 * Monitoring (R4, R8): polls every monitored school account and every public-mention watch through the connector
 * SPI, stores each post once in {@code posts} (unique on platform and platform post id; edits keep the id, the
 * newest text and the history), announces new posts with {@link uk.hallmonitor.monitoring.PostReceived} after they
 * are stored, and keeps per connection a cursor, a due time and a health record in {@code poll_cursors}. A Quartz
 * trigger (RAM job store) runs a dispatch round every few seconds; each poll holds a ShedLock lock on its source
 * ({@code shedLock} collection), stores the batch, then moves the cursor, so several instances share the work and
 * a crash re-fetches instead of skipping. Failures back off with jitter, are shown on the register and, once per
 * episode, raise {@link uk.hallmonitor.monitoring.ConnectionFailing}. Other modules read posts through
 * {@link uk.hallmonitor.monitoring.Posts} and keep their own progress with its processing marks or sweeps.
 * <p>
 * Departure from STYLE.md's table: it also uses {@code schools} on the watches page, to name each watch's school and
 * offer only the schools the person may change.
 */
package uk.hallmonitor.monitoring;
