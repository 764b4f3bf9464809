package uk.hallmonitor.classification.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Verdict;

/** Runs the full pipeline over labelled texts and reports offensive and per-category precision and recall. */
public final class Evaluation {

    private Evaluation() {
    }

    /** A Markdown report for one labelled set. */
    public static List<String> report(String name, List<LabelledText> rows, Function<String, Verdict> classifier) {
        Metrics offensive = new Metrics();
        Map<Category, Metrics> categories = new EnumMap<>(Category.class);
        boolean anyCategory = false;
        int parents = 0;
        int parentsOffensive = 0;
        int parentsCategory = 0;
        for (LabelledText row : rows) {
            Verdict v = classifier.apply(row.text());
            if ("NOT".equals(row.offensive()) && ("COMPLAINT".equals(row.intent()) || "PRAISE".equals(row.intent()))) {
                // parents' complaints (sharp ones included) and praise: the posts a school must never see flagged
                parents++;
                parentsOffensive += v.offensive() ? 1 : 0;
                parentsCategory += v.categories().isEmpty() ? 0 : 1;
            }
            if (row.offensive() != null) {
                offensive.add(v.offensive(), row.offensive().equals("OFF"));
            }
            if (row.category() != null) {
                anyCategory = true;
                for (Category c : Category.values()) {
                    boolean flagged = v.categories().stream().map(CategoryScore::name).anyMatch(c::equals);
                    categories.computeIfAbsent(c, k -> new Metrics()).add(flagged, row.category().equals(c.name()));
                }
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
        if (parents > 0) {
            out.add(String.format(Locale.ROOT, "parents' complaints and praise (not offensive, n=%d): flagged "
                            + "offensive %d (%.1f%%), given any category %d (%.1f%%)", parents, parentsOffensive,
                    100.0 * parentsOffensive / parents, parentsCategory, 100.0 * parentsCategory / parents));
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
        out.add("");
        return out;
    }
}
