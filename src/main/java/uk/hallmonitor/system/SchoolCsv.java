package uk.hallmonitor.system;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the CSV that school management information systems (SIMS, Arbor, Bromcom) export, for staff lists and pupil
 * rosters alike: RFC 4180 quoting, comma or semicolon separated (Excel in some locales writes semicolons), a
 * byte-order mark tolerated, blank lines skipped; each row keeps the line it started on, so that a bad row can be
 * reported by its line.
 */
public final class SchoolCsv {

    /** One row and the line of the file it started on (the header is line 1). */
    public record Row(int line, List<String> cells) {
    }

    private SchoolCsv() {
    }

    /** The cells of each row, the header first; a quote left open is reported with the line it started on. */
    public static List<List<String>> cells(String text) {
        return rows(text).stream().map(Row::cells).toList();
    }

    /** The rows of the text, the header first; a quote left open is reported with the line it started on. */
    public static List<Row> rows(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char separator = separatorOf(body);
        List<Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
                quoteLine = line;
            } else if (c == separator) {
                row.add(cell.toString().strip());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString().strip());
                cell.setLength(0);
                addUnlessBlank(rows, rowLine, row);
                row = new ArrayList<>();
                line++;
                rowLine = line;
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted value opened on line " + quoteLine + " is never closed");
        }
        row.add(cell.toString().strip());
        addUnlessBlank(rows, rowLine, row);
        return rows;
    }

    private static void addUnlessBlank(List<Row> rows, int line, List<String> row) {
        if (row.stream().anyMatch(cell -> !cell.isEmpty())) {
            rows.add(new Row(line, row));
        }
    }

    private static char separatorOf(String body) {
        int end = body.indexOf('\n');
        String header = end < 0 ? body : body.substring(0, end);
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }
}
