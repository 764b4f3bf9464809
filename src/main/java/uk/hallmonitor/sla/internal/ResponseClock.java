package uk.hallmonitor.sla.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.system.Platform;

/**
 * The response clock of one inbound item, as stored in {@code sla_clocks} (one per post: unique {@code postId}).
 * {@code nextActionAt} is when the sweep must next look at it (a reminder or the breach), {@code null} once nothing
 * is left to do; it is only a hint for the sweep's index, the truth is {@code state} and {@code remindersSent}.
 *
 * @param id             clock id
 * @param postId         Hallmonitor's id of the item
 * @param schoolId       the school
 * @param accountId      the school account the item came to
 * @param platform       where
 * @param kind           comment, mention or direct message
 * @param platformPostId the platform's id of the item, matched by a reply's {@code inReplyToId}
 * @param conversationId the platform's conversation, matched by a reply in the same conversation
 * @param receivedAt     when the item was posted
 * @param dueAt          when a reply is due
 * @param state          where the clock is
 * @param remindersSent  the reminder offsets already sent, e.g. {@code ["PT4H"]}
 * @param notices        every reminder and escalation sent
 * @param nextActionAt   when the sweep must next look at it, or {@code null}
 * @param breachedAt     when it was found breached, or {@code null}
 * @param metAt          when it was replied to or acknowledged (the first response), or {@code null}
 * @param metLate        whether that was after the due time
 * @param metBy          {@code reply} or the staff id who acknowledged it
 * @param replyPostId    the platform id of the school account's reply, or {@code null}
 * @param note           the acknowledgement's note, or {@code null}
 * @param createdAt      when the clock was started
 * @param version        incremented by every conditional change: the sweep's claims compare and set it
 */
@Document("sla_clocks")
public record ResponseClock(@Id String id, String postId, String schoolId, String accountId, Platform platform, PostKind kind,
                     String platformPostId, String conversationId, Instant receivedAt, Instant dueAt,
                     ClockState state, List<String> remindersSent, List<Notice> notices, Instant nextActionAt,
                     Instant breachedAt, Instant metAt, Boolean metLate, String metBy, String replyPostId,
                     String note, Instant createdAt, long version) {

    public ResponseClock {
        remindersSent = remindersSent == null ? List.of() : List.copyOf(remindersSent);
        notices = notices == null ? List.of() : List.copyOf(notices);
    }

    /** The next thing the sweep must do for this clock, if any. */
    Optional<Step> nextStep(List<Duration> offsets) {
        return nextStep(offsets, remindersSent);
    }

    Optional<Step> nextStep(List<Duration> offsets, List<String> sent) {
        return nextStep(state, receivedAt, dueAt, offsets, sent);
    }

    static Optional<Step> nextStep(ClockState state, Instant receivedAt, Instant dueAt, List<Duration> offsets,
                                   List<String> sent) {
        if (state != ClockState.OPEN) {
            return Optional.empty();
        }
        Step next = Step.breach(dueAt);
        for (Duration offset : offsets) {
            Instant at = dueAt.minus(offset);
            // A reminder that would fall before the item arrived never applies (a short window after a weekend).
            if (at.isAfter(receivedAt) && !sent.contains(offset.toString()) && at.isBefore(next.at())) {
                next = Step.reminder(offset, at);
            }
        }
        return Optional.of(next);
    }

    /** The unsent reminders whose time has come, earliest first; none once the clock is due. */
    List<Step> remindersDue(List<Duration> offsets, Instant now) {
        if (state != ClockState.OPEN || !now.isBefore(dueAt)) {
            return List.of();
        }
        return offsets.stream()
                .filter(offset -> !remindersSent.contains(offset.toString()))
                .map(offset -> Step.reminder(offset, dueAt.minus(offset)))
                .filter(step -> step.at().isAfter(receivedAt) && !step.at().isAfter(now))
                .sorted(java.util.Comparator.comparing(Step::at))
                .toList();
    }

    /** A reminder at an offset before the due time, or the breach at the due time. */
    record Step(Duration offset, Instant at) {

        static Step reminder(Duration offset, Instant at) {
            return new Step(offset, at);
        }

        static Step breach(Instant at) {
            return new Step(null, at);
        }

        boolean isBreach() {
            return offset == null;
        }

        String name() {
            return isBreach() ? Notice.BREACH : offset.toString();
        }
    }
}
