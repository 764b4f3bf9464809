package uk.hallmonitor.sla.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * One school's working days: Monday to Friday, less the bank holidays of its region and its own closures, in its
 * time zone, each ending at its close of day.
 *
 * @param zone         the school's time zone
 * @param bankHolidays the bank holidays of the school's region
 * @param closures     the school's closures
 * @param closeOfDay   local time at which a working day ends
 */
public record WorkingCalendar(ZoneId zone, Set<LocalDate> bankHolidays, List<Closure> closures, LocalTime closeOfDay) {

    // A school closed for longer than this is a data error, not a calendar; stop rather than loop for ever.
    private static final int LONGEST_SEARCH_DAYS = 400;

    public WorkingCalendar {
        bankHolidays = Set.copyOf(bankHolidays);
        closures = List.copyOf(closures);
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY || bankHolidays.contains(day)) {
            return false;
        }
        return closures.stream().noneMatch(closure -> closure.covers(day));
    }

    LocalDate nextWorkingDayAfter(LocalDate day) {
        LocalDate candidate = day.plusDays(1);
        for (int i = 0; i < LONGEST_SEARCH_DAYS; i++, candidate = candidate.plusDays(1)) {
            if (isWorkingDay(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no working day within " + LONGEST_SEARCH_DAYS + " days after " + day);
    }

    /** The close of the given day in the school's zone; a close of day in a spring-forward gap moves an hour on. */
    Instant closeOf(LocalDate day) {
        return day.atTime(closeOfDay).atZone(zone).toInstant();
    }

    public LocalDate dayOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}
