package uk.hallmonitor.classification;

import java.util.List;
import java.util.Locale;
import uk.hallmonitor.classification.internal.Evaluation;
import uk.hallmonitor.classification.internal.LabelledText;
import uk.hallmonitor.classification.internal.Metrics;
import uk.hallmonitor.classification.internal.ModelBundle;

/** Decides whether a retrained model version may replace the current one: only if it is not worse on held-out data. */
public final class ModelRetraining {

    private ModelRetraining() {
    }

    /** The outcome of a comparison. */
    public record Decision(boolean switchOn, double currentMacroF1, double candidateMacroF1, String summary) {
    }

    /** Compares two bundles by offensive macro-F1 on the same held-out rows. */
    public static Decision compare(ModelBundle current, ModelBundle candidate, List<LabelledText> heldOut) {
        double before = macroF1(current, heldOut);
        double after = macroF1(candidate, heldOut);
        boolean switchOn = after >= before;
        return new Decision(switchOn, before, after, String.format(Locale.ROOT,
                "held-out macro-F1: current %s %.4f, candidate %s %.4f → %s", current.version(), before,
                candidate.version(), after, switchOn ? "switch on" : "keep current"));
    }

    private static double macroF1(ModelBundle bundle, List<LabelledText> rows) {
        OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(bundle, ClassificationProperties.defaults());
        List<LabelledText> labelled = rows.stream().filter(row -> row.offensive() != null).toList();
        Metrics m = new Metrics();
        // through the batch path: one encoder pass per 256 texts
        for (int from = 0; from < labelled.size(); from += 256) {
            List<LabelledText> part = labelled.subList(from, Math.min(labelled.size(), from + 256));
            List<Verdict> verdicts = classifier.classifyAll(part.stream().map(LabelledText::text).toList());
            for (int i = 0; i < part.size(); i++) {
                m.add(verdicts.get(i).offensive(), part.get(i).offensive().equals("OFF"));
            }
        }
        return m.macroF1();
    }

    /** The full report of a bundle on rows, for the command line. */
    static List<String> report(ModelBundle bundle, String name, List<LabelledText> rows) {
        OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(bundle, ClassificationProperties.defaults());
        return Evaluation.report(name, rows, classifier::classifyAll, java.util.Map.of());
    }
}
