package uk.hallmonitor.sla.calendar;

import java.time.LocalDate;

/**
 * Days a school is closed (INSET days, holidays), both ends included.
 *
 * @param id     stable id of the closure within the school's calendar
 * @param from   first closed day
 * @param to     last closed day
 * @param reason what it is, e.g. "October half term"
 */
public record Closure(String id, LocalDate from, LocalDate to, String reason) {

    boolean covers(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public boolean overlaps(Closure other) {
        return !other.to.isBefore(from) && !other.from.isAfter(to);
    }
}
