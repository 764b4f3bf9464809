package uk.hallmonitor.ownposts;

import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * What a roster file would give if imported, without changing anything.
 *
 * @param pupils         rows read without a problem
 * @param noPublish      of which on the no-publish list
 * @param columns        roster field to the header it was read from
 * @param ignoredColumns headers not used
 * @param problems       what is wrong, by line ("line 7") or "header"; the file is refused while this is not empty
 * @param firstRows      the first few pupils as read, to check the columns are right
 */
public record RosterPreview(int pupils, int noPublish, Map<String, String> columns, List<String> ignoredColumns,
                            List<FieldError> problems, List<RosterPupil> firstRows) {
}
