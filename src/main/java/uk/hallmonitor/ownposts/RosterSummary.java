package uk.hallmonitor.ownposts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A school's current roster: counts for everyone who works with the school's accounts, the names only for those who
 * may read the roster (ADMIN, SLT, DSL).
 *
 * @param schoolId         the school
 * @param version          1 for the first roster imported, one more at each replacement; 0 when none was imported
 * @param pupils           pupils on the roster
 * @param noPublish        of whom on the no-publish list
 * @param importedAt       when the current roster was imported, or {@code null}
 * @param importedBy       who imported it (username), or {@code null}
 * @param columns          roster field to the header of the export it was read from
 * @param reportFirstNames whether a first name alone is reported for every pupil (always for no-publish pupils)
 * @param names            the pupils, or {@code null} for readers who may not see the roster
 */
public record RosterSummary(String schoolId, long version, int pupils, int noPublish, Instant importedAt,
                            String importedBy, Map<String, String> columns, boolean reportFirstNames,
                            List<RosterPupil> names) {
}
