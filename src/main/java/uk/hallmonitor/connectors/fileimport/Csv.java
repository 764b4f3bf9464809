package uk.hallmonitor.connectors.fileimport;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks; each row remembers its first line. */
final class Csv {

    /** One row: its cells, the line it starts on, and what is wrong with it, if anything. */
    record Row(List<String> cells, int line, String error) {
    }

    private Csv() {
    }

    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        String error = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.length() == 0 && !afterQuote) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                cells.add(cell.toString());
                rows.add(new Row(List.copyOf(cells), rowLine, error));
                cells.clear();
                cell.setLength(0);
                afterQuote = false;
                error = null;
                line++;
                rowLine = line;
            } else {
                if (afterQuote && error == null) {
                    error = "text after a closing quote";
                }
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            error = "a quote opened on this row is never closed";
        }
        if (quoted || cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new Row(List.copyOf(cells), rowLine, error));
        }
        return rows;
    }
}
