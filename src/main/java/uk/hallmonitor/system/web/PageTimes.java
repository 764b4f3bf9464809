package uk.hallmonitor.system.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Times as people at a school read them, in the school's zone: "Mon 7 Dec 2026, 14:05", and how far off a due
 * time is ("in 3 hours", "2 days ago"). Templates call it as {@code @pageTimes}.
 */
@Component("pageTimes")
public class PageTimes {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private final Clock clock;

    PageTimes(Clock clock) {
        this.clock = clock;
    }

    public String show(Instant instant, ZoneId zone) {
        return instant == null ? "" : WHEN.format(instant.atZone(zone));
    }

    public String day(Instant instant, ZoneId zone) {
        return instant == null ? "" : DAY.format(instant.atZone(zone));
    }

    /** For a {@code datetime} attribute: the instant in ISO-8601 with the zone's offset. */
    public String iso(Instant instant, ZoneId zone) {
        return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }

    public String fromNow(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration gap = Duration.between(clock.instant(), instant);
        boolean past = gap.isNegative();
        Duration size = gap.abs();
        String amount;
        if (size.toMinutes() < 1) {
            return "now";
        } else if (size.toMinutes() < 60) {
            amount = plural(size.toMinutes(), "minute");
        } else if (size.toHours() < 48) {
            amount = plural(size.toHours(), "hour");
        } else {
            amount = plural(size.toDays(), "day");
        }
        return past ? amount + " ago" : "in " + amount;
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
