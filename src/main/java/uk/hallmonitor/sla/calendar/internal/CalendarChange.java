package uk.hallmonitor.sla.calendar.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import uk.hallmonitor.sla.calendar.Closure;
import uk.hallmonitor.sla.calendar.WindowReading;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * A change to a school's SLA calendar as sent by SLT; every field is optional and only those given change.
 * Fields are text so that a bad value is reported by name rather than lost in a parse error.
 *
 * @param closeOfDay    {@code HH:mm} from {@code 00:00} to {@code 23:59}
 * @param windowReading {@code STRICT} or {@code KIND}
 * @param excludePraise whether confident praise starts no clock
 * @param closures      the school's closures, replacing all of them
 */
record CalendarChange(String closeOfDay, String windowReading, Boolean excludePraise, List<ClosureInput> closures) {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    static final int LONGEST_CLOSURE_DAYS = 366;

    /** One closure as sent: {@code from} and {@code to} are dates, both closed. */
    record ClosureInput(String from, String to, String reason) {
    }

    /** The change applied to the stored calendar, or a 400 naming every bad field. */
    SchoolSlaCalendar applyTo(SchoolSlaCalendar current) {
        List<FieldError> errors = new ArrayList<>();
        if (closeOfDay != null && !HH_MM.matcher(closeOfDay).matches()) {
            errors.add(new FieldError("closeOfDay", "'" + closeOfDay
                    + "' is not a time from 00:00 to 23:59 (HH:mm, e.g. 17:00)"));
        }
        WindowReading reading = null;
        if (windowReading != null) {
            try {
                reading = WindowReading.valueOf(windowReading);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("windowReading", "'" + windowReading + "' is neither STRICT nor KIND"));
            }
        }
        List<Closure> parsed = closures == null ? null : closures(closures, "closures", List.of(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new SchoolSlaCalendar(current.schoolId(),
                closeOfDay == null ? current.closeOfDay() : closeOfDay,
                reading == null ? current.windowReading() : reading,
                excludePraise == null ? current.excludePraise() : excludePraise,
                parsed == null ? current.closures()
                        : parsed.stream().map(SchoolSlaCalendar.StoredClosure::of).toList(),
                current.version(), current.updatedAt(), current.updatedBy());
    }

    /** Adds one closure to the stored ones, or a 400 when it is bad or overlaps one of them. */
    static SchoolSlaCalendar addTo(SchoolSlaCalendar current, ClosureInput input) {
        List<FieldError> errors = new ArrayList<>();
        List<Closure> added = closures(List.of(input), null, current.closureDays(), errors);
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        List<SchoolSlaCalendar.StoredClosure> all = new ArrayList<>(current.closures());
        all.add(SchoolSlaCalendar.StoredClosure.of(added.get(0)));
        all.sort(java.util.Comparator.comparing(SchoolSlaCalendar.StoredClosure::from));
        return new SchoolSlaCalendar(current.schoolId(), current.closeOfDay(), current.windowReading(),
                current.excludePraise(), all, current.version(), current.updatedAt(), current.updatedBy());
    }

    private static List<Closure> closures(List<ClosureInput> inputs, String listField, List<Closure> existing,
                                          List<FieldError> errors) {
        List<Closure> parsed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ClosureInput input = inputs.get(i);
            String field = listField == null ? "" : listField + "[" + i + "].";
            if (input == null) {
                errors.add(new FieldError(listField + "[" + i + "]", "must not be null"));
                continue;
            }
            LocalDate from = date(input.from(), field + "from", errors);
            LocalDate to = date(input.to(), field + "to", errors);
            if (input.reason() == null || input.reason().isBlank() || input.reason().length() > 200) {
                errors.add(new FieldError(field + "reason", "say what the closure is, in at most 200 characters"));
            }
            if (from == null || to == null) {
                continue;
            }
            if (to.isBefore(from)) {
                errors.add(new FieldError(field + "to", to + " is before " + from));
                continue;
            }
            if (ChronoUnit.DAYS.between(from, to) >= LONGEST_CLOSURE_DAYS) {
                errors.add(
                        new FieldError(field + "to", "a closure may last at most " + LONGEST_CLOSURE_DAYS + " days"));
                continue;
            }
            Closure closure = new Closure(UUID.randomUUID().toString(), from, to, input.reason());
            for (int j = 0; j < parsed.size(); j++) {
                if (parsed.get(j) != null && closure.overlaps(parsed.get(j))) {
                    errors.add(new FieldError(field + "from", from + ".." + to + " overlaps " + listField + "[" + j
                            + "] (" + parsed.get(j).from() + ".." + parsed.get(j).to() + ")"));
                }
            }
            for (Closure other : existing) {
                if (closure.overlaps(other)) {
                    errors.add(new FieldError(field + "from", from + ".." + to + " overlaps the closure "
                            + other.id() + " (" + other.from() + ".." + other.to() + ", " + other.reason() + ")"));
                }
            }
            parsed.add(closure);
        }
        return parsed;
    }

    private static LocalDate date(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "give a date as yyyy-mm-dd"));
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a date (yyyy-mm-dd)"));
            return null;
        }
    }
}
