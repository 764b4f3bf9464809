package uk.hallmonitor.schools.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import uk.hallmonitor.system.security.Role;

/**
 * A staff list exported by a school's MIS, read against a mapping of its columns: which rows would be added, which
 * are already on the staff list, and what is wrong with the others, row by row. Pure: the store is asked by
 * {@link StaffAdministration}.
 */
final class StaffImport {

    /** The Hallmonitor fields a column can be mapped to. */
    static final List<String> FIELDS = List.of("fullName", "firstName", "lastName", "email", "username", "roles");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");
    static final int MAX_ROWS = 2000;

    // headers as SIMS, Arbor and Bromcom name them, lower-cased, for the first guess of the mapping
    private static final Map<String, List<String>> HEADER_GUESSES = Map.of(
            "fullName", List.of("name", "full name", "staff name", "display name"),
            "firstName", List.of("first name", "forename", "legal forename", "preferred forename", "given name",
                    "preferred first name"),
            "lastName", List.of("last name", "surname", "legal surname", "preferred surname", "family name"),
            "email", List.of("email", "e-mail", "work email", "email address", "school email", "work e-mail"),
            "username", List.of("username", "user name", "login", "network login"),
            "roles", List.of("roles", "role", "staff role", "job title", "post", "staff type"));

    private StaffImport() {
    }

    /** One person to add, as read from the file. */
    record Row(int line, String name, String email, String username, Set<Role> roles) {
    }

    /** What is wrong with one row, by line of the file (the header is line 1) and field. */
    record RowProblem(int line, String field, String detail) {
    }

    /** The file read against the mapping, before the store is asked who already exists. */
    record Reading(List<String> headers, List<Row> rows, List<RowProblem> problems) {
    }

    /** The mapping of each field to the column that holds it, guessed from the header. */
    static Map<String, String> guess(List<String> headers) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String field : FIELDS) {
            for (String header : headers) {
                if (HEADER_GUESSES.get(field).contains(header.strip().toLowerCase(Locale.ROOT))) {
                    mapping.put(field, header);
                    break;
                }
            }
        }
        if (mapping.containsKey("firstName") && mapping.containsKey("lastName")) {
            mapping.remove("fullName");
        }
        return mapping;
    }

    /**
     * Reads the rows; problems with the file or the mapping as a whole come back as problems of line 1 (the
     * header), so a caller can report everything at once.
     */
    static Reading read(List<List<String>> table, Map<String, String> mapping, Set<Role> defaultRoles) {
        List<RowProblem> problems = new ArrayList<>();
        if (table.isEmpty()) {
            problems.add(new RowProblem(1, "csv", "the file is empty; export the staff list from your MIS as CSV"));
            return new Reading(List.of(), List.of(), problems);
        }
        List<String> headers = table.get(0);
        Map<String, Integer> column = new LinkedHashMap<>();
        mapping.forEach((field, header) -> {
            if (header == null || header.isBlank()) {
                return;
            }
            if (!FIELDS.contains(field)) {
                problems.add(new RowProblem(1, "columns." + field, "unknown field; map columns to " + FIELDS));
                return;
            }
            int index = headers.indexOf(header);
            if (index < 0) {
                problems.add(new RowProblem(1, "columns." + field, "the file has no column '" + header
                        + "'; its columns are " + headers));
            } else {
                column.put(field, index);
            }
        });
        boolean namedMissing = problems.stream().anyMatch(p -> p.field().startsWith("columns."));
        if (!column.containsKey("email") && !namedMissing) {
            problems.add(new RowProblem(1, "columns.email", "choose the column that holds each person's email"));
        }
        if (!namedMissing && !column.containsKey("fullName")
                && !(column.containsKey("firstName") && column.containsKey("lastName"))) {
            problems.add(new RowProblem(1, "columns.fullName",
                    "choose the column with the full name, or both the first-name and last-name columns"));
        }
        if (table.size() - 1 > MAX_ROWS) {
            problems.add(new RowProblem(1, "csv", "the file has " + (table.size() - 1) + " rows; import at most "
                    + MAX_ROWS + " at a time"));
        }
        if (!problems.isEmpty()) {
            return new Reading(headers, List.of(), problems);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> usernames = new LinkedHashMap<>();
        Map<String, Integer> emails = new LinkedHashMap<>();
        for (int i = 1; i < table.size(); i++) {
            List<String> cells = table.get(i);
            int line = i + 1;
            String name = column.containsKey("fullName") ? cell(cells, column.get("fullName"))
                    : (cell(cells, column.get("firstName")) + " " + cell(cells, column.get("lastName"))).strip();
            String email = cell(cells, column.get("email"));
            String username =
                    column.containsKey("username") ? cell(cells, column.get("username")).toLowerCase(Locale.ROOT)
                            : usernameFrom(email);
            int before = problems.size();
            if (name.isEmpty()) {
                problems.add(new RowProblem(line, "name", "the name is empty"));
            } else if (name.length() > 200) {
                problems.add(new RowProblem(line, "name", "the name is longer than 200 characters"));
            }
            if (email.isEmpty()) {
                problems.add(new RowProblem(line, "email", "the email is empty; alerts need an address"));
            } else if (!EMAIL.matcher(email).matches() || email.length() > 254) {
                problems.add(new RowProblem(line, "email", "'" + email + "' is not an email address"));
            } else if (emails.containsKey(email.toLowerCase(Locale.ROOT))) {
                problems.add(new RowProblem(line, "email", email + " is also on line "
                        + emails.get(email.toLowerCase(Locale.ROOT))));
            }
            if (!USERNAME.matcher(username).matches()) {
                problems.add(new RowProblem(line, "username", "'" + username + "' is not a username: 3 to 64 letters,"
                        + " digits, dots, dashes or underscores"));
            } else if (usernames.containsKey(username)) {
                problems.add(new RowProblem(line, "username", "the username " + username + " is also on line "
                        + usernames.get(username) + "; map a username column or change one of them"));
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (column.containsKey("roles") && !cell(cells, column.get("roles")).isEmpty()) {
                String problem = roles(cell(cells, column.get("roles")), roles);
                if (problem != null) {
                    problems.add(new RowProblem(line, "roles", problem));
                }
            }
            if (roles.isEmpty()) {
                roles.addAll(defaultRoles);
            }
            if (problems.size() == before) {
                rows.add(new Row(line, name, email, username, roles));
            }
            usernames.putIfAbsent(username, line);
            if (!email.isEmpty()) {
                emails.putIfAbsent(email.toLowerCase(Locale.ROOT), line);
            }
        }
        return new Reading(headers, rows, problems);
    }

    /**
     * Reads a role cell: Hallmonitor's role names, or the job titles MIS exports use, several separated by ';', '|'
     * or '/'. A title that names no role (e.g. "Teacher") adds nothing, so the default roles apply.
     */
    static String roles(String text, Set<Role> into) {
        for (String part : text.split("[;|/]")) {
            String title = part.strip().toLowerCase(Locale.ROOT).replace('-', ' ');
            if (title.isEmpty()) {
                continue;
            }
            if (title.equals("admin")) {
                return "the ADMIN role is trust-wide and is never granted by an import";
            }
            Role named = null;
            for (Role role : Role.values()) {
                if (role.name().equalsIgnoreCase(title)) {
                    named = role;
                }
            }
            if (named != null) {
                into.add(named);
                if (named != Role.STAFF && named != Role.GOVERNOR) {
                    // leaders, the DSL and moderators are members of staff too
                    into.add(Role.STAFF);
                }
            } else if (title.contains("deputy") || title.contains("assistant head") || title.contains("senior lead")
                    || title.equals("slt")) {
                into.add(Role.SLT);
                into.add(Role.STAFF);
            } else if (title.contains("headteacher") || title.contains("head teacher") || title.equals("principal")
                    || title.equals("head")) {
                into.add(Role.HEADTEACHER);
                into.add(Role.STAFF);
            } else if (title.contains("safeguarding") || title.equals("dsl")) {
                into.add(Role.DSL);
                into.add(Role.STAFF);
            } else if (title.contains("governor")) {
                into.add(Role.GOVERNOR);
            }
        }
        return null;
    }

    static String usernameFrom(String email) {
        int at = email.indexOf('@');
        String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
        return local.replaceAll("[^a-z0-9._-]", "");
    }

    private static String cell(List<String> cells, Integer index) {
        return index == null || index >= cells.size() ? "" : cells.get(index).strip();
    }
}
