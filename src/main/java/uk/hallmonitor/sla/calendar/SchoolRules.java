package uk.hallmonitor.sla.calendar;

import java.time.Instant;
import uk.hallmonitor.schools.SchoolView;

/**
 * Everything needed to time a school's items: its calendar and its choices.
 *
 * @param school        the school
 * @param region        the bank holiday region in use
 * @param calendar      its working days
 * @param reading       how a window ending on a non-working day is read
 * @param excludePraise whether confident praise starts no clock
 */
public record SchoolRules(SchoolView school, String region, WorkingCalendar calendar, WindowReading reading,
                   boolean excludePraise) {

    public Instant dueAt(DueTimeRule rule, Instant received) {
        return rule.dueAt(received, calendar, reading);
    }
}
