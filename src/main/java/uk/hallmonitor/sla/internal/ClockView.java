package uk.hallmonitor.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.system.Platform;

/**
 * A response clock as the API shows it; {@code secondsLeft} is negative once the due time has passed.
 *
 * @param id            clock id (for acknowledging)
 * @param postId        the item
 * @param accountId     the school account
 * @param schoolId      the school
 * @param platform      where
 * @param kind          comment, mention or direct message
 * @param receivedAt    when the item was posted
 * @param dueAt         when the reply is due
 * @param secondsLeft   seconds from now to the due time
 * @param state         OPEN, MET, BREACHED or EXCLUDED
 * @param remindersSent reminder offsets already sent, e.g. {@code ["PT4H"]}
 * @param notices       every reminder and escalation sent
 * @param breachedAt    when it was found breached
 * @param metAt         first response
 * @param metLate       whether that was after the due time
 * @param metBy         {@code reply} or the staff id who acknowledged it
 * @param note          the acknowledgement's note
 */
record ClockView(String id, String postId, String accountId, String schoolId, Platform platform, PostKind kind,
                 Instant receivedAt, Instant dueAt, long secondsLeft, ClockState state, List<String> remindersSent,
                 List<Notice> notices, Instant breachedAt, Instant metAt, Boolean metLate, String metBy,
                 String note) {

    static ClockView of(ResponseClock clock, Instant now) {
        return new ClockView(clock.id(), clock.postId(), clock.accountId(), clock.schoolId(), clock.platform(),
                clock.kind(), clock.receivedAt(), clock.dueAt(), Duration.between(now, clock.dueAt()).toSeconds(),
                clock.state(), clock.remindersSent(), clock.notices(), clock.breachedAt(), clock.metAt(),
                clock.metLate(), clock.metBy(), clock.note());
    }
}
