package uk.hallmonitor.sla;

import java.time.Instant;
import uk.hallmonitor.sla.internal.ResponseClock;

/**
 * The response clock of one post as other modules show it (the moderation queue's post view): when a reply is due,
 * where the clock is, and whether runners were reminded, SLT told of a breach, or the post answered.
 *
 * @param dueAt        when a reply is due
 * @param state        OPEN, MET, BREACHED or EXCLUDED (praise, or outside the rules)
 * @param reminded     whether a reminder went to the account's runners
 * @param breached     whether the due time passed unanswered and SLT were told
 * @param breachedAt   when it was found breached, or {@code null}
 * @param answered     whether the school replied or someone acknowledged it
 * @param answeredAt   when, or {@code null}
 * @param answeredLate whether that was after the due time, or {@code null} while unanswered
 * @param handledWithoutReply whether it ended without a reply (hidden, deleted, removed): state {@code HANDLED}
 * @param handledAt    when, or {@code null}
 * @param handledHow   how ({@code hidden}, {@code deleted}, {@code deleted on the platform}...), or {@code null}
 */
public record PostClock(Instant dueAt, ClockState state, boolean reminded, boolean breached, Instant breachedAt,
                        boolean answered, Instant answeredAt, Boolean answeredLate, boolean handledWithoutReply,
                        Instant handledAt, String handledHow) {

    public static PostClock of(ResponseClock clock) {
        boolean handled = clock.state() == ClockState.HANDLED;
        return new PostClock(clock.dueAt(), clock.state(), !clock.remindersSent().isEmpty(),
                clock.breachedAt() != null, clock.breachedAt(), !handled && clock.metAt() != null,
                handled ? null : clock.metAt(), handled ? null : clock.metLate(), handled,
                handled ? clock.metAt() : null, handled ? clock.note() : null);
    }
}
