package uk.hallmonitor.classification.internal;

/**
 * L2-regularised binary logistic regression on dense features, fitted with L-BFGS on standardised features (so one
 * penalty suits every feature) and returned in the raw feature space. Used by the stacked heads: a sentence vector
 * plus the n-gram model's log-odds in, one probability out.
 */
public final class LogisticRegression {

    private static final int HISTORY = 8;

    private LogisticRegression() {
    }

    /**
     * Fits weights and bias.
     *
     * @param x      rows of features (all the same length)
     * @param y      labels
     * @param use    which rows to fit on (null: all)
     * @param lambda L2 penalty on the standardised weights (the loss is summed over rows)
     * @return the weights, then the bias as the last element
     */
    public static double[] fit(float[][] x, boolean[] y, boolean[] use, double lambda, int maxIterations) {
        int d = x[0].length;
        int n = 0;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < x.length; i++) {
            if (use == null || use[i]) {
                n++;
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i][j];
                }
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(n, 1);
        }
        for (int i = 0; i < x.length; i++) {
            if (use == null || use[i]) {
                for (int j = 0; j < d; j++) {
                    double c = x[i][j] - mean[j];
                    sd[j] += c * c;
                }
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.max(Math.sqrt(sd[j] / Math.max(n, 1)), 1e-6);
        }
        // standardised copy of the rows in use
        float[][] z = new float[n][];
        double[] t = new double[n];
        int r = 0;
        for (int i = 0; i < x.length; i++) {
            if (use == null || use[i]) {
                float[] row = new float[d];
                for (int j = 0; j < d; j++) {
                    row[j] = (float) ((x[i][j] - mean[j]) / sd[j]);
                }
                z[r] = row;
                t[r++] = y[i] ? 1 : 0;
            }
        }
        double[] w = lbfgs(z, t, lambda, maxIterations);
        double[] out = new double[d + 1];
        double bias = w[d];
        for (int j = 0; j < d; j++) {
            out[j] = w[j] / sd[j];
            bias -= w[j] * mean[j] / sd[j];
        }
        out[d] = bias;
        return out;
    }

    /** The probability for one row under fitted weights. */
    public static double probability(double[] w, float[] x) {
        double s = w[w.length - 1];
        for (int j = 0; j < x.length; j++) {
            s += w[j] * x[j];
        }
        return 1 / (1 + Math.exp(-s));
    }

    /** Loss and gradient; the last weight is the unpenalised bias. */
    private static double lossAndGradient(float[][] z, double[] t, double lambda, double[] w, double[] g) {
        int d = w.length - 1;
        java.util.Arrays.fill(g, 0);
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            float[] row = z[i];
            double s = w[d];
            for (int j = 0; j < d; j++) {
                s += w[j] * row[j];
            }
            // log(1 + e^s) - t·s, computed stably
            loss += (s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s))) - t[i] * s;
            double e = 1 / (1 + Math.exp(-s)) - t[i];
            for (int j = 0; j < d; j++) {
                g[j] += e * row[j];
            }
            g[d] += e;
        }
        for (int j = 0; j < d; j++) {
            loss += 0.5 * lambda * w[j] * w[j];
            g[j] += lambda * w[j];
        }
        return loss;
    }

    private static double[] lbfgs(float[][] z, double[] t, double lambda, int maxIterations) {
        int d = z.length == 0 ? 1 : z[0].length + 1;
        double[] w = new double[d];
        double[] g = new double[d];
        double f = lossAndGradient(z, t, lambda, w, g);
        double[][] s = new double[HISTORY][];
        double[][] y = new double[HISTORY][];
        double[] rho = new double[HISTORY];
        int stored = 0;
        double[] alpha = new double[HISTORY];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            // two-loop recursion: direction = -H·g
            double[] q = g.clone();
            for (int k = stored - 1; k >= 0; k--) {
                alpha[k] = rho[k] * dot(s[k], q);
                axpy(-alpha[k], y[k], q);
            }
            double gamma = stored > 0 ? dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1])
                    : 1 / Math.max(norm(g), 1e-12);
            for (int j = 0; j < d; j++) {
                q[j] *= gamma;
            }
            for (int k = 0; k < stored; k++) {
                double beta = rho[k] * dot(y[k], q);
                axpy(alpha[k] - beta, s[k], q);
            }
            double slope = -dot(g, q);
            if (slope >= 0) {
                // not a descent direction: restart from steepest descent
                stored = 0;
                q = g.clone();
                slope = -dot(g, q);
                double scale = 1 / Math.max(norm(g), 1e-12);
                for (int j = 0; j < d; j++) {
                    q[j] *= scale;
                }
                slope *= scale;
            }
            // backtracking line search (Armijo)
            double step = 1;
            double[] next = new double[d];
            double[] nextG = new double[d];
            double nextF;
            int tries = 0;
            while (true) {
                for (int j = 0; j < d; j++) {
                    next[j] = w[j] - step * q[j];
                }
                nextF = lossAndGradient(z, t, lambda, next, nextG);
                if (nextF <= f + 1e-4 * step * slope || ++tries > 30) {
                    break;
                }
                step *= 0.5;
            }
            double[] sk = new double[d];
            double[] yk = new double[d];
            for (int j = 0; j < d; j++) {
                sk[j] = next[j] - w[j];
                yk[j] = nextG[j] - g[j];
            }
            double sy = dot(sk, yk);
            double improvement = f - nextF;
            w = next;
            g = nextG;
            f = nextF;
            if (sy > 1e-10) {
                if (stored == HISTORY) {
                    System.arraycopy(s, 1, s, 0, HISTORY - 1);
                    System.arraycopy(y, 1, y, 0, HISTORY - 1);
                    System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
                    stored--;
                }
                s[stored] = sk;
                y[stored] = yk;
                rho[stored] = 1 / sy;
                stored++;
            }
            if (improvement >= 0 && improvement < 1e-7 * Math.max(1, Math.abs(f))) {
                break;
            }
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int j = 0; j < x.length; j++) {
            y[j] += a * x[j];
        }
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
