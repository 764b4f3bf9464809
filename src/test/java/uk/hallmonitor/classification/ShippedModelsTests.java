package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.classification.internal.Datasets;
import uk.hallmonitor.classification.internal.LabelledText;
import uk.hallmonitor.classification.internal.ModelBundle;

/**
 * The shipped models on the frozen school test split in the repository (never trained or tuned on): floors a little
 * under the figures measured when the models were trained (nlp-models/MODEL.md), so a regression in the models, the
 * encoder or the pipeline shows here.
 */
class ShippedModelsTests {

    private static List<LabelledText> rows;
    private static List<Verdict> verdicts;

    @BeforeAll
    static void classifyTheFrozenSplit() {
        OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(ModelBundle.loadShipped(),
                ClassificationProperties.defaults());
        rows = Datasets.corpus(Path.of("nlp-models/corpus/test/frozen.tsv"), "frozen");
        verdicts = classifier.classifyAll(rows.stream().map(LabelledText::text).toList());
    }

    @Test
    void theShippedModelsAreTheStackedOnes() {
        assertThat(ModelBundle.loadShipped().stack()).isNotNull();
    }

    @Test
    void mostSafeguardingPostsGoToTheDsl() {
        int posts = 0;
        int sent = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).categories().stream().anyMatch(c -> Category.valueOf(c).safeguarding())) {
                posts++;
                sent += verdicts.get(i).safeguarding() ? 1 : 0;
            }
        }
        assertThat(sent / (double) posts).isGreaterThanOrEqualTo(SAFEGUARDING_RECALL_FLOOR);
    }

    @Test
    void fewFairComplaintsAndPraiseAreFlaggedOffensive() {
        int fair = 0;
        int flagged = 0;
        for (int i = 0; i < rows.size(); i++) {
            LabelledText row = rows.get(i);
            if (row.offensive().equals("NOT") && row.categories().isEmpty()
                    && ("COMPLAINT".equals(row.intent()) || "PRAISE".equals(row.intent()))) {
                fair++;
                flagged += verdicts.get(i).offensive() ? 1 : 0;
            }
        }
        assertThat(flagged / (double) fair).isLessThanOrEqualTo(FAIR_FLAGGED_CEILING);
    }

    @Test
    void fewFairComplaintsAndPraiseAreSentToTheDsl() {
        int fair = 0;
        int sent = 0;
        for (int i = 0; i < rows.size(); i++) {
            LabelledText row = rows.get(i);
            if (row.offensive().equals("NOT") && row.categories().isEmpty()
                    && ("COMPLAINT".equals(row.intent()) || "PRAISE".equals(row.intent()))) {
                fair++;
                sent += verdicts.get(i).safeguarding() ? 1 : 0;
            }
        }
        assertThat(sent / (double) fair).isLessThanOrEqualTo(FAIR_TO_DSL_CEILING);
    }

    @Test
    void aFirstPersonDisclosureIsCriticalAndForTheDslThoughNotOffensive() {
        Verdict v = new OpenNlpPostClassifier(ModelBundle.loadShipped(), ClassificationProperties.defaults())
                .classify("my stepdad hits me when mum is at work and he said not to tell anyone");
        assertThat(v.safeguarding()).isTrue();
        assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(v.categories()).extracting(CategoryScore::name).contains(Category.DISCLOSURE);
    }

    // hm-2026-12-08T0153-full (round 8) with the 52 rules, thresholds under false-alarm budgets (2.0% to the DSL, 1.6%
    // flagged) chosen by cross-validation on training data (frozen split, 5th look); the floors are unchanged from
    // hm-2026-12-07T1523-full's (4th look: 0.913, 5 and 6 of 261)
    static final double SAFEGUARDING_RECALL_FLOOR = 0.90; // measured 0.930 (225 of 242)
    static final double FAIR_FLAGGED_CEILING = 0.03; // measured 0.011 (3 of 261)
    static final double FAIR_TO_DSL_CEILING = 0.035; // measured 0.019 (5 of 261)
}
