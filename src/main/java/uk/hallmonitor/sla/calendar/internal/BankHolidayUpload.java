package uk.hallmonitor.sla.calendar.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * A region's bank holidays in GOV.UK's own shape ({@code https://www.gov.uk/bank-holidays.json} holds one such
 * object per division), as shipped under {@code scheduler/bank-holidays/} and as uploaded by an administrator.
 *
 * @param division the region, e.g. {@code england-and-wales}; optional in an upload, checked against the path
 * @param events   the holidays
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BankHolidayUpload(String division, List<Event> events) {

    private static final int EARLIEST_YEAR = 1990;
    private static final int LATEST_YEAR = 2100;

    /** One holiday as written in the file; kept as text so that a bad date is reported, not swallowed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Event(String title, String date, String notes) {
    }

    /** The holidays, or a 400 problem naming every bad field. */
    public List<BankHoliday> validate(String region) {
        List<FieldError> errors = new ArrayList<>();
        if (!BankHolidays.REGIONS.contains(region)) {
            errors.add(new FieldError("region", "unknown region '" + region + "'; use one of " + BankHolidays.REGIONS));
        }
        if (division != null && !division.equals(region)) {
            errors.add(new FieldError("division", "'" + division + "' does not match the region '" + region + "'"));
        }
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError("events", "list at least one bank holiday"));
            throw Problems.invalid(errors);
        }
        List<BankHoliday> holidays = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            String field = "events[" + i + "]";
            if (event == null) {
                errors.add(new FieldError(field, "must not be null"));
                continue;
            }
            if (event.title() == null || event.title().isBlank()) {
                errors.add(new FieldError(field + ".title", "give the holiday's name"));
            }
            LocalDate date = parse(event.date(), field + ".date", errors);
            if (date == null) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(date, i);
            if (earlier != null) {
                errors.add(new FieldError(field + ".date", date + " is already listed at events[" + earlier + "]"));
            }
            holidays.add(new BankHoliday(date, event.title() == null ? "" : event.title(),
                    event.notes() == null ? "" : event.notes()));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return holidays;
    }

    private static LocalDate parse(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "give the date as yyyy-mm-dd"));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "'" + text + "' is not a date (yyyy-mm-dd)"));
            return null;
        }
        if (date.getYear() < EARLIEST_YEAR || date.getYear() > LATEST_YEAR) {
            errors.add(new FieldError(field, date + " is outside " + EARLIEST_YEAR + "-" + LATEST_YEAR));
            return null;
        }
        // GOV.UK never lists a weekend: a holiday falling then is given as its substitute weekday.
        if (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            errors.add(new FieldError(field, date + " is a " + date.getDayOfWeek().toString().toLowerCase()
                    + "; give the substitute weekday instead"));
            return null;
        }
        return date;
    }
}
