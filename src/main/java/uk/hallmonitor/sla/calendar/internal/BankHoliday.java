package uk.hallmonitor.sla.calendar.internal;

import java.time.LocalDate;

/**
 * One bank holiday as GOV.UK publishes it.
 *
 * @param date  the day off (a substitute day where the holiday itself falls at a weekend)
 * @param title its name
 * @param notes e.g. "Substitute day", or empty
 */
public record BankHoliday(LocalDate date, String title, String notes) {
}
