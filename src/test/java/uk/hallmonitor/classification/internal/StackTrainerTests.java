package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stacked heads' fitting on small synthetic data: the regression learns, the thresholds serve their goal. */
class StackTrainerTests {

    /** 400 rows of 5 noisy features; yes when a weighted sum of the first two is positive. */
    private static final int N = 400;
    private final float[][] x = new float[N][5];
    private final boolean[] gold = new boolean[N];
    private final int[] folds = new int[N];

    StackTrainerTests() {
        Random random = new Random(1);
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            gold[i] = 2 * x[i][0] - x[i][1] + 0.7 * random.nextGaussian() > 1.0;
            folds[i] = i % 5;
        }
    }

    @Test
    void logisticRegressionRecoversTheDirectionOfTheBoundary() {
        double[] w = LogisticRegression.fit(x, gold, null, 1.0, 200);
        assertThat(w[0]).isGreaterThan(1.0);
        assertThat(w[1]).isLessThan(-0.4);
        assertThat(Math.abs(w[2]) + Math.abs(w[3]) + Math.abs(w[4])).isLessThan(Math.abs(w[0]));
        int right = 0;
        for (int i = 0; i < N; i++) {
            right += (LogisticRegression.probability(w, x[i]) >= 0.5) == gold[i] ? 1 : 0;
        }
        assertThat(right / (double) N).isGreaterThan(0.85);
    }

    @Test
    void aRecallHeadKeepsItsOutOfFoldRecallAtTheTarget() {
        StackTrainer.Fitted f = StackTrainer.fit(x, gold, folds, 5, StackTrainer.Goal.RECALL);
        int positives = 0;
        int found = 0;
        for (int i = 0; i < N; i++) {
            if (gold[i]) {
                positives++;
                found += f.outOfFold()[i] >= f.head().threshold() ? 1 : 0;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(StackTrainer.RECALL_TARGET * positives));
        StackTrainer.Fitted balanced = StackTrainer.fit(x, gold, folds, 5, StackTrainer.Goal.F1);
        assertThat(f.head().threshold()).isLessThan(balanced.head().threshold());
    }

    /**
     * Rows kept for evaluation only (train --evaluate-only) are scored out-of-fold like the others but never fitted
     * on: with their labels flipped the head and every out-of-fold probability stay the same as with them unflipped,
     * while fitting on them (no mask) does change the head.
     */
    @Test
    void rowsKeptForEvaluationAreScoredButNeverFittedOn() {
        boolean[] trainable = new boolean[N];
        boolean[] flipped = gold.clone();
        for (int i = 0; i < N; i++) {
            trainable[i] = i % 4 != 0;
            if (!trainable[i]) {
                flipped[i] = !gold[i];
            }
        }
        StackTrainer.Fitted kept = StackTrainer.fit(x, gold, folds, 5, StackTrainer.Goal.F1, trainable);
        StackTrainer.Fitted withFlipped = StackTrainer.fit(x, flipped, folds, 5, StackTrainer.Goal.F1, trainable);
        assertThat(withFlipped.head().weights()).containsExactly(kept.head().weights());
        for (int i = 0; i < N; i++) {
            assertThat(withFlipped.outOfFold()[i]).isEqualTo(kept.outOfFold()[i]);
            assertThat(kept.outOfFold()[i]).isBetween(0.0, 1.0);
        }
        assertThat(kept.outOfFold()[0]).isNotEqualTo(0.0); // an evaluation-only row is scored
        StackTrainer.Fitted unmasked = StackTrainer.fit(x, flipped, folds, 5, StackTrainer.Goal.F1, null);
        assertThat(unmasked.head().weights()).isNotEqualTo(kept.head().weights());
    }

    @Test
    void headsSurviveAWriteAndReadAndGiveTheSameProbability() throws Exception {
        float[] vector = new float[SentenceEncoder.DIMENSIONS];
        vector[3] = 0.5f;
        double[] w = new double[SentenceEncoder.DIMENSIONS + 2];
        w[3] = 2;
        w[SentenceEncoder.DIMENSIONS] = 1.5;
        w[SentenceEncoder.DIMENSIONS + 1] = -0.25;
        StackedHeads heads = new StackedHeads("e", java.util.Map.of("OFF", new StackedHeads.Head(w, 0.4, 10)));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        heads.write(out);
        StackedHeads back = StackedHeads.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        assertThat(back.head("OFF").probability(vector, 0.9)).isEqualTo(heads.head("OFF").probability(vector, 0.9));
        assertThat(back.head("OFF").threshold()).isEqualTo(0.4);
    }

    /**
     * Two heads over 200 fair rows and 100 positives each: head 0 separates well, head 1 badly. Under a 2.5% budget
     * (5 fair rows) the joint thresholds keep the false alarms, a rule's included, within it and lower the good head
     * further than the bad one.
     */
    @Test
    void safeguardingThresholdsKeepTheFairPostsSentToTheDslWithinTheBudget() {
        int n = 400;
        Random random = new Random(7);
        double[][] p = new double[2][n];
        boolean[][] gold = new boolean[2][n];
        boolean[][] rule = new boolean[2][n];
        boolean[] fair = new boolean[n];
        for (int i = 0; i < n; i++) {
            fair[i] = i < 200;
            gold[0][i] = i >= 200 && i < 300;
            gold[1][i] = i >= 300;
            double good = gold[0][i] ? 0.6 + 0.4 * random.nextDouble() : 0.5 * random.nextDouble();
            double bad = gold[1][i] ? 0.2 + 0.8 * random.nextDouble() : 0.7 * random.nextDouble();
            p[0][i] = good;
            p[1][i] = bad;
        }
        rule[1][0] = true; // a rule fires on one fair post: it counts against the budget
        double[] t = StackTrainer.budgetThresholds(p, gold, rule, fair, null, 0.025);
        int alarms = 0;
        for (int i = 0; i < 200; i++) {
            alarms += rule[1][i] || p[0][i] >= t[0] || p[1][i] >= t[1] ? 1 : 0;
        }
        assertThat(alarms).isBetween(1, 5);
        assertThat(t[0]).isLessThan(0.61); // every good-head positive is caught at no cost
        assertThat(t[1]).isGreaterThan(t[0]);
        // with no budget at all only the rule's alarm remains and the thresholds stay at the top
        double[] strict = StackTrainer.budgetThresholds(p, gold, rule, fair, null, 0.0);
        assertThat(strict[1]).isGreaterThan(0.69);
    }

    /**
     * One head over 1,000 fair rows where every step of 0.01 down admits one more fair row and one more positive: the
     * budget alone decides how many fair rows the chosen threshold sends, so the table reads the budget off. The
     * default is round 8's 2.0% (20 rows), not round 7's 2.4% (24) or round 6's 2.5% (25).
     */
    @Test
    void theChosenThresholdsSendNoMoreFairRowsThanTheChoosingBudgetAllows() {
        int fairRows = 1000;
        int n = fairRows + 90;
        double[][] p = new double[1][n];
        boolean[][] gold = new boolean[1][n];
        boolean[][] rule = new boolean[1][n];
        boolean[] fair = new boolean[n];
        for (int k = 0; k < fairRows; k++) {
            fair[k] = true;
            p[0][k] = k < 90 ? 0.945 - 0.01 * k : 0.001;
        }
        for (int j = 0; j < 90; j++) {
            gold[0][fairRows + j] = true;
            p[0][fairRows + j] = 0.948 - 0.01 * j;
        }
        double[][] table = {{0.0, 0}, {0.01, 10}, {0.024, 24}, {0.025, 25}, {0.03, 30}, {0.02, 20},
                {StackTrainer.DSL_BUDGET, 20}};
        for (double[] row : table) {
            double[] t = StackTrainer.budgetThresholds(p, gold, rule, fair, null, row[0]);
            int sent = 0;
            for (int k = 0; k < fairRows; k++) {
                sent += p[0][k] >= t[0] ? 1 : 0;
            }
            assertThat(sent).as("fair rows sent under a budget of %s", row[0]).isEqualTo((int) row[1]);
        }
    }

    /**
     * The offensive decision over 1,000 fair rows where every step of 0.01 down flags one more fair row: the budget
     * alone decides how many are flagged. The default is round 8's 1.6% (16 rows), not rounds 4–7's 2.0% (20).
     */
    @Test
    void theOffensiveThresholdFlagsNoMoreFairRowsThanTheChoosingBudgetAllows() {
        int fairRows = 1000;
        int n = fairRows + 90;
        double[] p = new double[n];
        boolean[] gold = new boolean[n];
        boolean[] fair = new boolean[n];
        for (int k = 0; k < fairRows; k++) {
            fair[k] = true;
            p[k] = k < 90 ? 0.945 - 0.01 * k : 0.001;
        }
        for (int j = 0; j < 90; j++) {
            gold[fairRows + j] = true;
            p[fairRows + j] = 0.948 - 0.01 * j;
        }
        double[][] table = {{0.0, 0}, {0.01, 10}, {0.016, 16}, {0.02, 20}, {StackTrainer.OFFENSIVE_BUDGET, 16}};
        for (double[] row : table) {
            double t = StackTrainer.budgetOffensive(p, gold, fair, null, row[0]);
            int flagged = 0;
            for (int k = 0; k < fairRows; k++) {
                flagged += p[k] >= t ? 1 : 0;
            }
            assertThat(flagged).as("fair rows flagged under a budget of %s", row[0]).isEqualTo((int) row[1]);
        }
    }

    @Test
    void theOffensiveThresholdIsRaisedUntilFewFairPostsAreFlagged() {
        double[] p = new double[N];
        boolean[] fair = new boolean[N];
        Random random = new Random(3);
        for (int i = 0; i < N; i++) {
            p[i] = gold[i] ? 0.3 + 0.7 * random.nextDouble() : 0.6 * random.nextDouble();
            fair[i] = !gold[i] && i % 2 == 0;
        }
        double f1 = StackTrainer.threshold(p, gold, null, StackTrainer.Goal.MACRO_F1);
        double t = StackTrainer.budgetOffensive(p, gold, fair, null, 0.02);
        int rows = 0;
        int flagged = 0;
        for (int i = 0; i < N; i++) {
            if (fair[i]) {
                rows++;
                flagged += p[i] >= t ? 1 : 0;
            }
        }
        assertThat(t).isGreaterThanOrEqualTo(f1);
        assertThat(flagged).isLessThanOrEqualTo((int) (0.02 * rows));
        assertThat(StackTrainer.budgetOffensive(p, gold, fair, null, 1.0)).isEqualTo(f1);
    }

    /**
     * A hand-made table of two heads over 40 fair rows, budget 5% (2 fair rows may go to the DSL). Head 0's two
     * positives and one fair row score 0.90; head 1's three positives and two fair rows score 0.88; everything else
     * 0.10. The old single greedy pass takes head 0's cheaper-looking step first (2 caught for 1 false alarm) and then
     * cannot afford head 1's: 2 caught. Per-category cut-offs raise head 0 back and lower head 1 instead: 3 caught for
     * the same 2 false alarms.
     */
    @Test
    void perCategoryCutOffsCatchMoreThanTheGreedySingleCutOffUnderTheSameBudget() {
        int n = 45;
        double[][] p = new double[2][n];
        boolean[][] gold = new boolean[2][n];
        boolean[][] rule = new boolean[2][n];
        boolean[] fair = new boolean[n];
        for (int i = 0; i < n; i++) {
            fair[i] = i < 40;
            p[0][i] = 0.10;
            p[1][i] = 0.10;
        }
        p[0][0] = 0.90; // fair row alarmed by head 0
        p[1][1] = 0.88; // fair rows alarmed by head 1
        p[1][2] = 0.88;
        for (int i = 40; i < 42; i++) {
            gold[0][i] = true;
            p[0][i] = 0.90;
        }
        for (int i = 42; i < 45; i++) {
            gold[1][i] = true;
            p[1][i] = 0.88;
        }
        double[] greedy = StackTrainer.greedyBudgetThresholds(p, gold, rule, fair, null, 0.05);
        double[] chosen = StackTrainer.budgetThresholds(p, gold, rule, fair, null, 0.05);
        assertThat(caught(p, gold, greedy)).isEqualTo(2);
        assertThat(caught(p, gold, chosen)).isEqualTo(3);
        assertThat(chosen[0]).isGreaterThan(0.90);
        assertThat(chosen[1]).isLessThanOrEqualTo(0.88);
        assertThat(fairSent(p, fair, chosen)).isLessThanOrEqualTo(2);
    }

    /**
     * The floor is a target, not a free pass: head 0's category (10 rows, 5 caught at the start) is under its 90%
     * floor, head 1's (20 rows, 18 caught) is at it. The budget (2.5% of 40 fair rows) pays one fair alarm, spent by
     * head 0. Raising head 0 past 0.60 frees that alarm and loses one of its rows; head 1 lowered to 0.80 then spends it
     * on two more of its own rows: one more safeguarding row in all (a sum-only search takes it), but head 0's category
     * falls further below its floor while head 1's was already at it, so the search leaves both where they are.
     */
    @Test
    void perCategoryCutOffsDoNotSacrificeACategoryUnderItsFloorForOneAlreadyAtIt() {
        int n = 70;
        double[][] p = new double[2][n];
        boolean[][] gold = new boolean[2][n];
        boolean[][] rule = new boolean[2][n];
        boolean[] fair = new boolean[n];
        for (int i = 0; i < n; i++) {
            fair[i] = i < 40;
            p[0][i] = 0.05;
            p[1][i] = 0.05;
        }
        p[0][0] = 0.60; // the fair alarm head 0 spends
        p[1][1] = 0.80; // the fair alarm head 1 would spend
        for (int i = 40; i < 50; i++) {
            gold[0][i] = true;
            p[0][i] = i == 40 ? 0.60 : i < 45 ? 0.65 : 0.20; // caught at 0.60: 5 of 10
        }
        for (int i = 50; i < 70; i++) {
            gold[1][i] = true;
            p[1][i] = i < 68 ? 0.90 : 0.80; // caught at 0.90: 18 of 20
        }
        double[] start = {0.60, 0.90};
        assertThat(caught(p, gold, new double[] {0.61, 0.80})).isEqualTo(caught(p, gold, start) + 1);
        assertThat(fairSent(p, fair, new double[] {0.61, 0.80})).isEqualTo(1);
        double[] chosen = StackTrainer.perCategory(p, gold, rule, fair, null, 0.025, start);
        assertThat(chosen).containsExactly(0.60, 0.90);
    }

    private static int caught(double[][] p, boolean[][] gold, double[] t) {
        int found = 0;
        for (int i = 0; i < p[0].length; i++) {
            boolean any = false;
            boolean fires = false;
            for (int h = 0; h < p.length; h++) {
                any |= gold[h][i];
                fires |= p[h][i] >= t[h];
            }
            found += any && fires ? 1 : 0;
        }
        return found;
    }

    private static int fairSent(double[][] p, boolean[] fair, double[] t) {
        int sent = 0;
        for (int i = 0; i < fair.length; i++) {
            boolean fires = false;
            for (int h = 0; h < p.length; h++) {
                fires |= p[h][i] >= t[h];
            }
            sent += fair[i] && fires ? 1 : 0;
        }
        return sent;
    }
}
