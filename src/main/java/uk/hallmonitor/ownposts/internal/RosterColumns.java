package uk.hallmonitor.ownposts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import uk.hallmonitor.ownposts.RosterPupil;
import uk.hallmonitor.system.SchoolCsv;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * Maps a roster export's header row to the roster's fields by name (our own names, and the spellings SIMS, Arbor and
 * Bromcom use), or by an explicit mapping, and reads every row, collecting what is wrong with each by line.
 *
 * <p>A consent column ("Photo Consent", "Media Consent") answered N, No, Refused or Withdrawn, or left blank, puts the
 * pupil on the no-publish list: no recorded consent is no consent.
 */
final class RosterColumns {

    /** The fields a column can be mapped to, in the order of the documentation. */
    static final List<String> FIELDS = List.of("first_name", "preferred_name", "surname", "year", "group",
            "no_publish", "consent");
    static final int MAX_PUPILS = 5000;
    private static final int MAX_NAME = 60;

    /** Header spellings, letters and digits only, lower case; the first header found for a field wins. */
    private static final Map<String, List<String>> KNOWN = Map.of(
            "first_name", List.of("firstname", "legalforename", "forename", "legalfirstname", "givenname",
                    "pupilforename", "studentforename", "first"),
            "preferred_name", List.of("preferredname", "preferredforename", "preferredfirstname", "knownas",
                    "chosenname", "chosenforename"),
            "surname", List.of("surname", "legalsurname", "lastname", "familyname", "pupilsurname", "studentsurname",
                    "preferredsurname"),
            "year", List.of("year", "yeargroup", "ncyear", "nationalcurriculumyear", "yr", "currentyear"),
            "group", List.of("group", "reggroup", "registrationgroup", "class", "classname", "form", "formgroup",
                    "tutorgroup", "regclass"),
            "no_publish", List.of("nopublish", "donotpublish", "dontpublish", "nophotos", "nophotographs",
                    "mediarestriction", "publishrestriction"),
            "consent", List.of("photoconsent", "mediaconsent", "photographconsent", "photographyconsent",
                    "imageconsent", "photopermission", "mediapermission", "socialmediaconsent", "photosconsent",
                    "publicityconsent"));
    private static final Set<String> YES = Set.of("y", "yes", "true", "1", "x", "on");
    private static final Set<String> NO = Set.of("n", "no", "false", "0", "", "off");
    private static final Set<String> CONSENT_REFUSED = Set.of("n", "no", "false", "0", "", "refused", "withdrawn",
            "not given", "declined", "none");
    private static final Set<String> CONSENT_GIVEN = Set.of("y", "yes", "true", "1", "given", "granted", "agreed",
            "consent given", "full");

    /**
     * What the file gave.
     *
     * @param pupils   every row read, in file order (only meaningful when {@code problems} is empty)
     * @param problems what is wrong, each naming a line or the header and how to fix it
     * @param columns  field to the header used for it
     * @param ignored  headers not used for any field
     */
    record Parsed(List<RosterPupil> pupils, List<FieldError> problems, Map<String, String> columns,
                  List<String> ignored) {
    }

    private RosterColumns() {
    }

    static String squash(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Reads the file with the header mapped by name, {@code explicit} (field to header) taking precedence. */
    static Parsed read(String csv, Map<String, String> explicit) {
        List<FieldError> problems = new ArrayList<>();
        List<SchoolCsv.Row> rows;
        try {
            rows = SchoolCsv.rows(csv);
        } catch (IllegalArgumentException e) {
            return new Parsed(List.of(), List.of(new FieldError("body", e.getMessage())), Map.of(), List.of());
        }
        if (rows.isEmpty()) {
            return new Parsed(List.of(), List.of(new FieldError("body", "the file is empty: send the MIS export with"
                    + " its header row (first_name,preferred_name,surname,year,no_publish)")), Map.of(), List.of());
        }
        List<String> header = rows.get(0).cells();
        Map<String, Integer> index = new LinkedHashMap<>();
        explicit.forEach((field, name) -> {
            if (!FIELDS.contains(field)) {
                problems.add(new FieldError("map", "'" + field + "' is not a roster field; use one of " + FIELDS));
                return;
            }
            int at = indexOf(header, name);
            if (at < 0) {
                problems.add(new FieldError("map", "the header row has no column '" + name + "' for " + field
                        + "; the columns are " + header));
            } else {
                index.put(field, at);
            }
        });
        for (String field : FIELDS) {
            if (index.containsKey(field)) {
                continue;
            }
            for (String spelling : KNOWN.get(field)) {
                int at = -1;
                for (int i = 0; i < header.size(); i++) {
                    if (squash(header.get(i)).equals(spelling) && !index.containsValue(i)) {
                        at = i;
                        break;
                    }
                }
                if (at >= 0) {
                    index.put(field, at);
                    break;
                }
            }
        }
        for (String needed : List.of("first_name", "surname")) {
            if (!index.containsKey(needed)) {
                problems.add(new FieldError("header", "no column for " + needed + " (looked for "
                        + KNOWN.get(needed) + "); rename the column or map it, e.g. map=" + needed + ":Forename"));
            }
        }
        Map<String, String> columns = new LinkedHashMap<>();
        index.forEach((field, at) -> columns.put(field, header.get(at)));
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!index.containsValue(i)) {
                ignored.add(header.get(i));
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), problems, columns, ignored);
        }
        if (rows.size() - 1 > MAX_PUPILS) {
            problems.add(new FieldError("body", "the file has " + (rows.size() - 1) + " pupils; at most " + MAX_PUPILS
                    + " are accepted in one roster"));
            return new Parsed(List.of(), problems, columns, ignored);
        }
        List<RosterPupil> pupils = new ArrayList<>();
        for (SchoolCsv.Row row : rows.subList(1, rows.size())) {
            List<String> wrong = new ArrayList<>();
            String firstName = name(cell(row, index, "first_name"), "first_name", true, wrong);
            String preferred = name(cell(row, index, "preferred_name"), "preferred_name", false, wrong);
            String surname = name(cell(row, index, "surname"), "surname", true, wrong);
            String year = blankToNull(cell(row, index, "year"));
            String group = blankToNull(cell(row, index, "group"));
            boolean noPublish = false;
            if (index.containsKey("no_publish")) {
                String value = cell(row, index, "no_publish").toLowerCase(Locale.ROOT);
                if (YES.contains(value)) {
                    noPublish = true;
                } else if (!NO.contains(value)) {
                    wrong.add(columns.get("no_publish") + " is '" + value + "': write Y or N");
                }
            }
            if (index.containsKey("consent")) {
                String value = cell(row, index, "consent").toLowerCase(Locale.ROOT).strip();
                if (CONSENT_REFUSED.contains(value)) {
                    noPublish = true;
                } else if (!CONSENT_GIVEN.contains(value)) {
                    wrong.add(columns.get("consent") + " is '" + value + "': write Y (consent given) or N");
                }
            }
            if (row.cells().size() > header.size()) {
                wrong.add("has " + row.cells().size() + " values but the header has " + header.size()
                        + " columns; quote values that contain a comma");
            }
            if (wrong.isEmpty()) {
                pupils.add(new RosterPupil(firstName, preferred, surname, year, group, noPublish));
            } else {
                problems.add(new FieldError("line " + row.line(), String.join("; ", wrong)));
            }
        }
        if (pupils.isEmpty() && problems.isEmpty()) {
            problems.add(new FieldError("body", "the file has a header row but no pupils"));
        }
        return new Parsed(pupils, problems, columns, ignored);
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static String cell(SchoolCsv.Row row, Map<String, Integer> index, String field) {
        Integer at = index.get(field);
        return at == null || at >= row.cells().size() ? "" : row.cells().get(at);
    }

    private static String name(String value, String field, boolean required, List<String> wrong) {
        if (value.isEmpty()) {
            if (required) {
                wrong.add(field + " is empty");
            }
            return null;
        }
        if (value.length() > MAX_NAME) {
            wrong.add(field + " is longer than " + MAX_NAME + " characters");
        } else if (!value.codePoints().anyMatch(Character::isLetter)
                || value.codePoints().anyMatch(c -> Character.isDigit(c) || Character.isISOControl(c) || c == '@')) {
            wrong.add(field + " is not a name (letters, spaces, hyphens and apostrophes only, no digits);"
                    + " check that the columns are not shifted");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
