package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Verdict;

/**
 * Runs the full pipeline over labelled texts and reports: offensive precision and recall, per-category precision
 * and recall (every label of a multi-label row counts), safeguarding recall (a row with a safeguarding category
 * sent to the DSL), what happened to fair complaints and praise, and, for a file with a {@code kind} column, the
 * accuracy of each kind of case.
 */
public final class Evaluation {

    /** Texts per call to the classifier's batch path. */
    private static final int CHUNK = 256;

    private Evaluation() {
    }

    /** A Markdown report for one labelled set, one text at a time. */
    public static List<String> report(String name, List<LabelledText> rows, Function<String, Verdict> classifier) {
        return report(name, rows, texts -> texts.stream().map(classifier).toList(), Map.of());
    }

    /**
     * A Markdown report for one labelled set, classified in batches.
     *
     * @param kinds the kind of case of each text (from a five-column file), or empty
     */
    public static List<String> report(String name, List<LabelledText> rows,
                                      Function<List<String>, List<Verdict>> classifier, Map<String, String> kinds) {
        List<Verdict> verdicts = new ArrayList<>(rows.size());
        for (int from = 0; from < rows.size(); from += CHUNK) {
            verdicts.addAll(classifier.apply(rows.subList(from, Math.min(rows.size(), from + CHUNK)).stream()
                    .map(LabelledText::text).toList()));
        }
        Metrics offensive = new Metrics();
        Map<Category, Metrics> categories = new EnumMap<>(Category.class);
        Map<String, int[]> kindRight = new TreeMap<>();
        boolean anyCategory = false;
        int fair = 0;
        int fairOffensive = 0;
        int fairCategory = 0;
        int fairDsl = 0;
        int safeguardingRows = 0;
        int safeguardingSent = 0;
        for (int i = 0; i < rows.size(); i++) {
            LabelledText row = rows.get(i);
            Verdict v = verdicts.get(i);
            List<String> flagged = v.categories().stream().map(CategoryScore::name).map(Enum::name).toList();
            if ("NOT".equals(row.offensive()) && row.categories().isEmpty()
                    && ("COMPLAINT".equals(row.intent()) || "PRAISE".equals(row.intent()))) {
                // complaints (sharp ones included) and praise: the posts a school must never see flagged
                fair++;
                fairOffensive += v.offensive() ? 1 : 0;
                fairCategory += v.categories().isEmpty() ? 0 : 1;
                fairDsl += v.safeguarding() ? 1 : 0;
            }
            if (row.offensive() != null) {
                offensive.add(v.offensive(), row.offensive().equals("OFF"));
            }
            if (row.category() != null) {
                anyCategory = true;
                for (Category c : Category.values()) {
                    categories.computeIfAbsent(c, k -> new Metrics()).add(flagged.contains(c.name()),
                            row.categories().contains(c.name()));
                }
                if (row.categories().stream().anyMatch(c -> isSafeguarding(c))) {
                    safeguardingRows++;
                    safeguardingSent += v.safeguarding() ? 1 : 0;
                }
            }
            String kind = kinds.get(row.text());
            if (kind != null) {
                boolean right = (row.offensive() == null || v.offensive() == row.offensive().equals("OFF"))
                        && (row.categories().isEmpty() ? flagged.isEmpty()
                                : row.categories().stream().anyMatch(flagged::contains));
                int[] counts = kindRight.computeIfAbsent(kind, k -> new int[2]);
                counts[0] += right ? 1 : 0;
                counts[1]++;
            }
        }
        List<String> out = new ArrayList<>();
        out.add("### " + name + " (" + rows.size() + " texts)");
        if (offensive.total() > 0) {
            out.add(String.format(Locale.ROOT,
                    "offensive: macro-F1 **%.3f**, OFF precision %.3f recall %.3f F1 %.3f, NOT F1 %.3f, "
                            + "false-positive rate %.3f, accuracy %.3f (n=%d, OFF=%d)",
                    offensive.macroF1(), offensive.precision(), offensive.recall(), offensive.f1(),
                    offensive.negativeF1(), offensive.falsePositiveRate(), offensive.accuracy(), offensive.total(),
                    offensive.support()));
        }
        if (safeguardingRows > 0) {
            out.add(String.format(Locale.ROOT, "safeguarding posts (a safeguarding category in the label, n=%d) sent "
                    + "to the DSL: **recall %.3f** (%d)", safeguardingRows,
                    safeguardingSent / (double) safeguardingRows,
                    safeguardingSent));
        }
        if (fair > 0) {
            out.add(String.format(Locale.ROOT, "fair complaints and praise (not offensive, no category, n=%d): flagged "
                    + "offensive %d (**%.1f%%**), sent to the DSL %d (**%.1f%%**), given any category %d "
                    + "(%.1f%%)", fair, fairOffensive, 100.0 * fairOffensive / fair, fairDsl,
                    100.0 * fairDsl / fair, fairCategory, 100.0 * fairCategory / fair));
        }
        if (anyCategory) {
            out.add("");
            out.add("| category | support | precision | recall | F1 |");
            out.add("| --- | ---: | ---: | ---: | ---: |");
            categories.forEach((c, m) -> {
                if (m.support() > 0) {
                    out.add(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |", c, m.support(),
                            m.precision(), m.recall(), m.f1()));
                }
            });
        }
        if (!kindRight.isEmpty()) {
            out.add("");
            out.add("| kind of case | n | accuracy |");
            out.add("| --- | ---: | ---: |");
            kindRight.forEach((kind, c) -> out.add(String.format(Locale.ROOT, "| %s | %d | %.3f |", kind, c[1],
                    c[0] / (double) c[1])));
            out.add("");
            out.add("(a case is right when the offensive decision matches its label and, for a labelled post, one of "
                    + "its categories is flagged, or for a NONE post none is)");
        }
        out.add("");
        return out;
    }

    private static boolean isSafeguarding(String category) {
        for (Category c : Category.values()) {
            if (c.name().equals(category)) {
                return c.safeguarding();
            }
        }
        return false;
    }
}
