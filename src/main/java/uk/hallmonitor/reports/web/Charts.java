package uk.hallmonitor.reports.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bar charts as geometry for an inline SVG drawn by the template: no script, no library, nothing for the CSP to
 * allow, and the same figures follow each chart as a table for screen readers and print.
 */
public final class Charts {

    static final double WIDTH = 640;
    private static final double LABELS = 190;
    private static final double ROW = 32;
    private static final double BAR = 22;
    private static final double PLOT_TOP = 24; // the template draws the 0/50/100% lines for these two
    private static final double PLOT_HEIGHT = 170;

    private Charts() {
    }

    /** One bar with where its label and value go. */
    public record Bar(String label, String value, double x, double y, double width, double height, double labelX,
                      double labelY, double valueX, double valueY, String tone) {
    }

    /** A chart: what it shows (title and a one-sentence description), its size and its bars. */
    public record Chart(String id, String title, String description, double width, double height, List<Bar> bars,
                        String emptyText) {

        public boolean empty() {
            return bars.isEmpty();
        }

        public String viewBox() {
            return "0 0 " + (int) width + " " + (int) height;
        }
    }

    /** One value per label, horizontal bars; labels with zero are kept when {@code keepZeros}. */
    static Chart horizontal(String id, String title, Map<String, ? extends Number> values, boolean keepZeros,
                            String emptyText, String unit) {
        List<Map.Entry<String, ? extends Number>> shown = new ArrayList<>();
        values.entrySet().stream().filter(e -> keepZeros || e.getValue().doubleValue() > 0).forEach(shown::add);
        double max = shown.stream().mapToDouble(e -> e.getValue().doubleValue()).max().orElse(0);
        boolean nothing = max == 0;
        List<Bar> bars = new ArrayList<>();
        double plot = WIDTH - LABELS - 60;
        for (int i = 0; i < shown.size() && !nothing; i++) {
            var entry = shown.get(i);
            double value = entry.getValue().doubleValue();
            double width = value == 0 ? 0 : Math.max(2, plot * value / max);
            double top = i * ROW + (ROW - BAR) / 2;
            bars.add(new Bar(entry.getKey(), format(value) + unit, LABELS, top, width, BAR, LABELS - 8,
                    top + BAR - 4, LABELS + width + 6, top + BAR - 4, "bar"));
        }
        String description = nothing ? emptyText : describe(shown, unit);
        return new Chart(id, title, description, WIDTH, Math.max(ROW, bars.size() * ROW), bars, emptyText);
    }

    /** Compliance per week as vertical bars from 0 to 100%; a week with nothing due has no bar. */
    static Chart weeks(String id, String title, List<Week> weeks) {
        List<Bar> bars = new ArrayList<>();
        double slot = (WIDTH - 60) / Math.max(1, weeks.size());
        double bar = Math.min(46, slot * 0.6);
        StringBuilder description = new StringBuilder("Share of items answered on time each week: ");
        for (int i = 0; i < weeks.size(); i++) {
            Week week = weeks.get(i);
            double x = 60 + i * slot + (slot - bar) / 2;
            double height = week.percent() == null ? 0 : Math.max(1, PLOT_HEIGHT * week.percent() / 100);
            double top = PLOT_TOP + PLOT_HEIGHT - height;
            String value = week.percent() == null ? "none due" : Math.round(week.percent()) + "%";
            // a week with nothing due shows a dash in the picture (the words would collide); the description says it
            bars.add(new Bar(week.label(), week.percent() == null ? "–" : value, x, top, bar, height, x + bar / 2,
                    PLOT_TOP + PLOT_HEIGHT + 18,
                    x + bar / 2, top - 6, week.soFar() ? "bar so-far" : "bar"));
            description.append(week.label()).append(' ').append(value).append(i + 1 < weeks.size() ? "; " : ".");
        }
        return new Chart(id, title, description.toString(), WIDTH, PLOT_TOP + PLOT_HEIGHT + 30, bars, "");
    }

    /** A week of the trend: its short label, whether it is not over yet, and the percentage met on time. */
    public record Week(String label, boolean soFar, Double percent) {
    }

    private static String describe(List<Map.Entry<String, ? extends Number>> shown, String unit) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown.size(); i++) {
            text.append(shown.get(i).getKey()).append(": ").append(format(shown.get(i).getValue().doubleValue()))
                    .append(unit).append(i + 1 < shown.size() ? "; " : ".");
        }
        return text.toString();
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.1f", value);
    }
}
