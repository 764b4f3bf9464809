package uk.hallmonitor.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Pattern;
import uk.hallmonitor.system.web.Problems;

/** An ISO week (Monday to Sunday) as the school's calendar sees it. */
public record ReportWeek(LocalDate monday) {

    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");

    /** The week named like {@code 2026-W47}; a 400 problem naming {@code week} otherwise. */
    public static ReportWeek parse(String week) {
        if (week == null || !WEEK.matcher(week).matches()) {
            throw Problems.badRequest("week", "give an ISO week such as 2026-W47, or current for this week so far");
        }
        try {
            return new ReportWeek(LocalDate.parse(week + "-1", DateTimeFormatter.ISO_WEEK_DATE));
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("week", "'" + week + "' is not a week of that year");
        }
    }

    /** The week containing {@code today}: its report so far. */
    static ReportWeek containing(LocalDate today) {
        return new ReportWeek(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
    }

    /** The last whole week before the one containing {@code today}. */
    public static ReportWeek before(LocalDate today) {
        return new ReportWeek(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1));
    }

    /** {@code 2026-W47}. */
    public String label() {
        return "%d-W%02d".formatted(monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public Instant from(ZoneId zone) {
        return monday.atStartOfDay(zone).toInstant();
    }

    public Instant to(ZoneId zone) {
        return monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    }
}
