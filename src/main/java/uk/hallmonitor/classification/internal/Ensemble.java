package uk.hallmonitor.classification.internal;

import java.util.Arrays;
import java.util.Properties;

/**
 * Combines the three offensive-or-not models into one score: a weighted sum of their log-odds (clipped, because
 * naive Bayes is wildly over-confident) plus a bias, squashed back to a probability. The weights and bias are a
 * logistic regression fitted on out-of-fold scores when the models are trained, and the threshold is the one that
 * maximised out-of-fold macro-F1.
 */
public record Ensemble(double maxentWeight, double bayesWeight, double auxWeight, double bias, double threshold) {

    /** The outcome names of the offensive models. */
    public static final String OFFENSIVE = "OFF";
    public static final String NOT_OFFENSIVE = "NOT";

    private static final double CLIP = 6.0;

    /** The combined probability that a text is offensive. */
    public double score(double maxent, double bayes, double aux) {
        double z = bias + maxentWeight * logit(maxent) + bayesWeight * logit(bayes) / 2 + auxWeight * logit(aux);
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * Fits the weights and bias by logistic regression (Newton's method, a little L2 on the weights) on the
     * components' out-of-fold probabilities, then the threshold that maximises macro-F1 on the same rows.
     *
     * @param maxent   out-of-fold P(OFF) of the maxent model
     * @param bayes    same for naive Bayes
     * @param aux      same for the third model, or {@code null} to leave it out (weight 0)
     * @param gold     whether each row is offensive
     * @param use      which rows to fit on (cross-fitting passes all but one fold)
     */
    public static Ensemble fit(double[] maxent, double[] bayes, double[] aux, boolean[] gold, boolean[] use) {
        int n = gold.length;
        int k = aux == null ? 2 : 3;
        double[][] x = new double[n][k + 1];
        for (int i = 0; i < n; i++) {
            x[i][0] = logit(maxent[i]);
            x[i][1] = logit(bayes[i]) / 2;
            if (aux != null) {
                x[i][2] = logit(aux[i]);
            }
            x[i][k] = 1;
        }
        double[] w = logisticRegression(x, gold, use, k);
        Ensemble e = new Ensemble(w[0], w[1], aux == null ? 0 : w[2], w[k], 0.5);
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            scores[i] = e.score(maxent[i], bayes[i], aux == null ? 0.5 : aux[i]);
        }
        return new Ensemble(w[0], w[1], aux == null ? 0 : w[2], w[k], bestThreshold(scores, gold, use));
    }

    /** The threshold (0.15–0.85 in steps of 0.01) with the best macro-F1 on the rows in use. */
    public static double bestThreshold(double[] scores, boolean[] gold, boolean[] use) {
        double best = 0.5;
        double bestF1 = -1;
        for (int step = 15; step <= 85; step++) {
            double t = step / 100.0;
            Metrics m = new Metrics();
            for (int i = 0; i < scores.length; i++) {
                if (use == null || use[i]) {
                    m.add(scores[i] >= t, gold[i]);
                }
            }
            if (m.macroF1() > bestF1) {
                bestF1 = m.macroF1();
                best = t;
            }
        }
        return best;
    }

    static double[] logisticRegression(double[][] x, boolean[] gold, boolean[] use, int weights) {
        int d = x[0].length;
        double[] w = new double[d];
        for (int iteration = 0; iteration < 30; iteration++) {
            double[] g = new double[d];
            double[][] h = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                if (use != null && !use[i]) {
                    continue;
                }
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[i][j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double e = p - (gold[i] ? 1 : 0);
                double v = Math.max(p * (1 - p), 1e-9);
                for (int a = 0; a < d; a++) {
                    g[a] += e * x[i][a];
                    for (int b = 0; b < d; b++) {
                        h[a][b] += v * x[i][a] * x[i][b];
                    }
                }
            }
            for (int a = 0; a < weights; a++) {
                g[a] += w[a];
                h[a][a] += 1;
            }
            double[] step = solve(h, g);
            double size = 0;
            for (int j = 0; j < d; j++) {
                w[j] -= step[j];
                size += Math.abs(step[j]);
            }
            if (size < 1e-8) {
                break;
            }
        }
        return w;
    }

    /** Gaussian elimination with partial pivoting; the systems here have three or four unknowns. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != c && m[c][c] != 0) {
                    double f = m[r][c] / m[c][c];
                    for (int q = c; q <= n; q++) {
                        m[r][q] -= f * m[c][q];
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = m[i][i] == 0 ? 0 : m[i][n] / m[i][i];
        }
        return out;
    }

    static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        double l = Math.log(q / (1 - q));
        return Math.max(-CLIP, Math.min(CLIP, l));
    }

    static Ensemble from(Properties p) {
        return new Ensemble(d(p, "ensemble.maxent", 1.0), d(p, "ensemble.bayes", 0.0), d(p, "ensemble.aux", 0.0),
                d(p, "ensemble.bias", 0.0), d(p, "ensemble.threshold", 0.5));
    }

    void store(Properties p) {
        p.setProperty("ensemble.maxent", Double.toString(maxentWeight));
        p.setProperty("ensemble.bayes", Double.toString(bayesWeight));
        p.setProperty("ensemble.aux", Double.toString(auxWeight));
        p.setProperty("ensemble.bias", Double.toString(bias));
        p.setProperty("ensemble.threshold", Double.toString(threshold));
    }

    private static double d(Properties p, String key, double fallback) {
        String value = p.getProperty(key);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
