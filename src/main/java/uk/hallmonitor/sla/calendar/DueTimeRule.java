package uk.hallmonitor.sla.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * When a reply to an item is due (R5): "within 24 hours (or on the next working day if received at a weekend)".
 * Received on a working day, it is due a window of elapsed time later (so 24 real hours across a clock change,
 * not 23 or 25); received on a non-working day, by the close of the next working day. A window that ends on a
 * non-working day is due then ({@link WindowReading#STRICT}) or by the close of the next working day
 * ({@link WindowReading#KIND}).
 */
public final class DueTimeRule {

    private final Duration window;

    public DueTimeRule(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the response window must be positive, not " + window);
        }
        this.window = window;
    }

    Instant dueAt(Instant received, WorkingCalendar calendar, WindowReading reading) {
        LocalDate receivedOn = calendar.dayOf(received);
        if (!calendar.isWorkingDay(receivedOn)) {
            return calendar.closeOf(calendar.nextWorkingDayAfter(receivedOn));
        }
        Instant due = received.plus(window);
        LocalDate dueOn = calendar.dayOf(due);
        if (reading == WindowReading.STRICT || calendar.isWorkingDay(dueOn)) {
            return due;
        }
        return calendar.closeOf(calendar.nextWorkingDayAfter(dueOn));
    }
}
