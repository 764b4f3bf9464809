package uk.hallmonitor.classification.internal;

import java.util.Locale;

/** Counts for one class and the usual ratios. */
public final class Metrics {

    private long truePositive;
    private long falsePositive;
    private long falseNegative;
    private long trueNegative;

    /** Records one decision. */
    public void add(boolean predicted, boolean actual) {
        if (predicted && actual) {
            truePositive++;
        } else if (predicted) {
            falsePositive++;
        } else if (actual) {
            falseNegative++;
        } else {
            trueNegative++;
        }
    }

    public double precision() {
        return ratio(truePositive, truePositive + falsePositive);
    }

    public double recall() {
        return ratio(truePositive, truePositive + falseNegative);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** F1 of the negative class, for macro averages of a binary task. */
    public double negativeF1() {
        double p = ratio(trueNegative, trueNegative + falseNegative);
        double r = ratio(trueNegative, trueNegative + falsePositive);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** The mean of both classes' F1, as OffensEval reports it. */
    public double macroF1() {
        return (f1() + negativeF1()) / 2;
    }

    public double accuracy() {
        return ratio(truePositive + trueNegative, total());
    }

    public long support() {
        return truePositive + falseNegative;
    }

    public long total() {
        return truePositive + falsePositive + falseNegative + trueNegative;
    }

    /** The false positive rate: how often a negative example is flagged. */
    public double falsePositiveRate() {
        return ratio(falsePositive, falsePositive + trueNegative);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "P=%.3f R=%.3f F1=%.3f macroF1=%.3f n=%d", precision(), recall(), f1(),
                macroF1(), total());
    }
}
