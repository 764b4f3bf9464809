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
}
