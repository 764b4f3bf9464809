package uk.hallmonitor.schools;

import java.time.ZoneId;

/**
 * What other modules need to know of a school.
 *
 * @param id                the school's id
 * @param name              its name
 * @param timezone          its time zone (Europe/London by default)
 * @param bankHolidayRegion {@code england-and-wales} (default), {@code scotland} or {@code northern-ireland}
 */
public record SchoolView(String id, String name, ZoneId timezone, String bankHolidayRegion) {
}
