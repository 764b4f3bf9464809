package uk.hallmonitor.sla.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.sla.calendar.Closure;
import uk.hallmonitor.sla.calendar.WindowReading;

/**
 * One school's own SLA calendar and choices, stored in {@code sla_school_calendars}; {@code version} guards every
 * change (a single-document compare-and-set) so two SLT members editing at once cannot lose each other's closures.
 * Dates and times are stored as ISO text so that no server time zone ever shifts them.
 *
 * @param schoolId      the school
 * @param closeOfDay    {@code HH:mm}, or {@code null} for the service default
 * @param windowReading the school's reading, or {@code null} for the service default
 * @param excludePraise whether items the intent model calls praise with high confidence start no clock
 * @param closures      the school's closure days
 * @param version       incremented by every change
 * @param updatedAt     when it last changed
 * @param updatedBy     who changed it
 */
@Document("sla_school_calendars")
public record SchoolSlaCalendar(@Id String schoolId, String closeOfDay, WindowReading windowReading, Boolean excludePraise,
                         List<StoredClosure> closures, long version, Instant updatedAt, String updatedBy) {

    public SchoolSlaCalendar {
        closures = closures == null ? List.of() : List.copyOf(closures);
    }

    public static SchoolSlaCalendar empty(String schoolId) {
        return new SchoolSlaCalendar(schoolId, null, null, null, List.of(), 0, null, null);
    }

    public List<Closure> closureDays() {
        return closures.stream().map(StoredClosure::closure).toList();
    }

    public LocalTime closeOfDayOr(LocalTime fallback) {
        return closeOfDay == null ? fallback : LocalTime.parse(closeOfDay);
    }

    /** A closure as stored. */
    record StoredClosure(String id, String from, String to, String reason) {

        static StoredClosure of(Closure closure) {
            return new StoredClosure(closure.id(), closure.from().toString(), closure.to().toString(),
                    closure.reason());
        }

        Closure closure() {
            return new Closure(id, LocalDate.parse(from), LocalDate.parse(to), reason);
        }
    }
}
