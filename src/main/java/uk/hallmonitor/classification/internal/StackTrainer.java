package uk.hallmonitor.classification.internal;

import java.util.List;
import java.util.Locale;

/**
 * Fits one stacked head by K-fold cross-validation: for each L2 penalty in a small grid, out-of-fold probabilities
 * from heads fitted on the other folds; the penalty with the lowest out-of-fold log-loss wins; the threshold is
 * chosen on the out-of-fold probabilities for the head's goal; the shipped head is refitted on every row. The
 * cross-fitted predictions (each fold judged with a threshold chosen on the other folds only) are what the report
 * quotes, so the numbers are honest estimates for unseen text.
 */
final class StackTrainer {

    /** L2 penalties tried (on standardised features, loss summed over rows). */
    static final double[] LAMBDAS = {10, 100};
    /** L-BFGS iterations per fit. */
    static final int ITERATIONS = 60;

    /** What a head's threshold is chosen for. */
    enum Goal {
        /** Macro-F1 of yes and no (the offensive decision, as OLID is scored). */
        MACRO_F1,
        /** F1 of yes (ordinary categories). */
        F1,
        /** The highest threshold whose recall is at least {@link #RECALL_TARGET} (safeguarding categories). */
        RECALL,
        /** No threshold: the intent heads compete by probability. */
        NONE
    }

    /** Out-of-fold recall the safeguarding heads' thresholds are set for. */
    static final double RECALL_TARGET = 0.95;

    private StackTrainer() {
    }

    /**
     * A fitted head with its evidence.
     *
     * @param head        the head refitted on all rows
     * @param outOfFold   each row's out-of-fold probability under the chosen penalty
     * @param crossFitted each row's yes/no under a threshold chosen without its fold
     */
    record Fitted(StackedHeads.Head head, double[] outOfFold, boolean[] crossFitted) {
    }

    static Fitted fit(float[][] x, boolean[] gold, int[] foldOf, int folds, Goal goal) {
        return fit(x, gold, foldOf, folds, goal, null);
    }

    /**
     * As {@link #fit(float[][], boolean[], int[], int, Goal)}, with only the {@code trainable} rows (null: all) ever
     * fitted on (nor used to choose the penalty); the others are still scored out-of-fold and count in the threshold
     * and the report (rows kept for evaluation, to compare training sets on the same rows and threshold rule).
     */
    static Fitted fit(float[][] x, boolean[] gold, int[] foldOf, int folds, Goal goal, boolean[] trainable) {
        int n = gold.length;
        double bestLoss = Double.MAX_VALUE;
        double bestLambda = LAMBDAS[0];
        double[] bestOof = null;
        for (double lambda : LAMBDAS) {
            double[] oof = outOfFold(x, gold, foldOf, folds, lambda, trainable);
            double loss = 0;
            for (int i = 0; i < n; i++) {
                if (trainable != null && !trainable[i]) {
                    continue; // the penalty is chosen on the training rows alone
                }
                double p = Math.min(1 - 1e-9, Math.max(1e-9, oof[i]));
                loss -= gold[i] ? Math.log(p) : Math.log(1 - p);
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                bestLambda = lambda;
                bestOof = oof;
            }
        }
        double threshold = goal == Goal.NONE ? 0.5 : threshold(bestOof, gold, null, goal);
        boolean[] crossFitted = new boolean[n];
        for (int fold = 0; fold < folds; fold++) {
            boolean[] others = new boolean[n];
            for (int i = 0; i < n; i++) {
                others[i] = foldOf[i] != fold;
            }
            double t = goal == Goal.NONE ? 0.5 : threshold(bestOof, gold, others, goal);
            for (int i = 0; i < n; i++) {
                if (!others[i]) {
                    crossFitted[i] = bestOof[i] >= t;
                }
            }
        }
        double[] w = LogisticRegression.fit(x, gold, trainable, bestLambda, ITERATIONS);
        return new Fitted(new StackedHeads.Head(w, threshold, bestLambda), bestOof, crossFitted);
    }

    static double[] outOfFold(float[][] x, boolean[] gold, int[] foldOf, int folds, double lambda) {
        return outOfFold(x, gold, foldOf, folds, lambda, null);
    }

    static double[] outOfFold(float[][] x, boolean[] gold, int[] foldOf, int folds, double lambda,
                              boolean[] trainable) {
        double[] oof = new double[gold.length];
        for (int fold = 0; fold < folds; fold++) {
            boolean[] use = new boolean[gold.length];
            boolean any = false;
            for (int i = 0; i < use.length; i++) {
                use[i] = foldOf[i] != fold && (trainable == null || trainable[i]);
                any |= foldOf[i] == fold;
            }
            if (!any) {
                continue;
            }
            double[] w = LogisticRegression.fit(x, gold, use, lambda, ITERATIONS);
            for (int i = 0; i < use.length; i++) {
                if (foldOf[i] == fold) {
                    oof[i] = LogisticRegression.probability(w, x[i]);
                }
            }
        }
        return oof;
    }

    /** The threshold in 0.02–0.95 (steps of 0.01) that best serves the goal on the rows in use. */
    static double threshold(double[] p, boolean[] gold, boolean[] use, Goal goal) {
        if (goal == Goal.RECALL) {
            int positives = 0;
            for (int i = 0; i < p.length; i++) {
                if ((use == null || use[i]) && gold[i]) {
                    positives++;
                }
            }
            // highest threshold that still keeps the target recall
            for (int step = 95; step >= 2; step--) {
                double t = step / 100.0;
                int found = 0;
                for (int i = 0; i < p.length; i++) {
                    if ((use == null || use[i]) && gold[i] && p[i] >= t) {
                        found++;
                    }
                }
                if (positives == 0 || found >= RECALL_TARGET * positives) {
                    return t;
                }
            }
            return 0.02;
        }
        double best = 0.5;
        double bestScore = -1;
        for (int step = 2; step <= 95; step++) {
            double t = step / 100.0;
            Metrics m = new Metrics();
            for (int i = 0; i < p.length; i++) {
                if (use == null || use[i]) {
                    m.add(p[i] >= t, gold[i]);
                }
            }
            double score = goal == Goal.MACRO_F1 ? m.macroF1() : m.f1();
            if (score > bestScore) {
                bestScore = score;
                best = t;
            }
        }
        return best;
    }

    /** Share of the training hard negatives (fair complaints and praise) the models + rules may send to the DSL. */
    static final double DSL_BUDGET = 0.025;
    /** Share of the training hard negatives the offensive decision may flag. */
    static final double OFFENSIVE_BUDGET = 0.02;

    /**
     * Joint thresholds of the safeguarding heads under a false-alarm budget: out-of-fold, at most {@code budget} of
     * the fair rows (among {@code use}) may be sent to the DSL by any head or by a rule ({@code ruleAlarm}); within
     * that, greedily lower the head whose next recall gain costs the fewest new false alarms, until no step fits.
     * Recall is counted per category (a row's category caught by its own head or a rule of that category).
     *
     * @param p         per head, each row's out-of-fold probability
     * @param gold      per head, each row's label
     * @param ruleHit   per head, whether a rule of that category fires on the row
     * @param fair      whether the row is a fair complaint or praise (a hard negative)
     * @param use       the rows to choose on (null: all)
     * @return per head, its threshold (0.02–0.95)
     */
    static double[] budgetThresholds(double[][] p, boolean[][] gold, boolean[][] ruleHit, boolean[] fair,
                                     boolean[] use, double budget) {
        int heads = p.length;
        int n = fair.length;
        int fairRows = 0;
        boolean[] alarmed = new boolean[n];
        int alarms = 0;
        int[] t = new int[heads];
        java.util.Arrays.fill(t, 95);
        for (int i = 0; i < n; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            if (fair[i]) {
                fairRows++;
            }
            for (int h = 0; h < heads; h++) {
                if (ruleHit[h][i] || p[h][i] >= 0.95) {
                    alarmed[i] = true;
                }
            }
            alarms += fair[i] && alarmed[i] ? 1 : 0;
        }
        int allowed = (int) Math.floor(budget * fairRows);
        while (true) {
            int bestHead = -1;
            int bestStep = 0;
            double bestRatio = -1;
            for (int h = 0; h < heads; h++) {
                for (int step = t[h] - 1; step >= 2; step--) {
                    double hi = t[h] / 100.0;
                    double lo = step / 100.0;
                    int gain = 0;
                    int cost = 0;
                    for (int i = 0; i < n; i++) {
                        if ((use != null && !use[i]) || p[h][i] < lo || p[h][i] >= hi) {
                            continue;
                        }
                        if (gold[h][i] && !ruleHit[h][i]) {
                            gain++;
                        }
                        if (fair[i] && !alarmed[i]) {
                            cost++;
                        }
                    }
                    if (alarms + cost > allowed) {
                        break;
                    }
                    if (gain > 0) {
                        double ratio = gain / (cost + 0.5);
                        if (ratio > bestRatio) {
                            bestRatio = ratio;
                            bestHead = h;
                            bestStep = step;
                        }
                        break;
                    }
                }
            }
            if (bestHead < 0) {
                break;
            }
            double lo = bestStep / 100.0;
            for (int i = 0; i < n; i++) {
                if ((use == null || use[i]) && p[bestHead][i] >= lo && !alarmed[i]) {
                    alarmed[i] = true;
                    alarms += fair[i] ? 1 : 0;
                }
            }
            t[bestHead] = bestStep;
        }
        double[] out = new double[heads];
        for (int h = 0; h < heads; h++) {
            out[h] = t[h] / 100.0;
        }
        return out;
    }

    /**
     * Each row's to-the-DSL decision per head under thresholds chosen by {@link #budgetThresholds} without the row's
     * fold (cross-fitted): {@code result[h][i]} is whether head {@code h} fires on row {@code i} (rules not included).
     */
    static boolean[][] crossFittedBudget(double[][] p, boolean[][] gold, boolean[][] ruleHit, boolean[] fair,
                                         int[] foldOf, int folds, double budget) {
        int heads = p.length;
        int n = fair.length;
        boolean[][] cross = new boolean[heads][n];
        for (int fold = 0; fold < folds; fold++) {
            boolean[] others = new boolean[n];
            for (int i = 0; i < n; i++) {
                others[i] = foldOf[i] != fold;
            }
            double[] tf = budgetThresholds(p, gold, ruleHit, fair, others, budget);
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < n; i++) {
                    if (!others[i]) {
                        cross[h][i] = p[h][i] >= tf[h];
                    }
                }
            }
        }
        return cross;
    }

    /**
     * The offensive threshold under a false-alarm budget: the macro-F1 threshold, raised (if needed) to the lowest
     * threshold that flags at most {@code budget} of the fair rows among {@code use}.
     */
    static double budgetOffensive(double[] p, boolean[] gold, boolean[] fair, boolean[] use, double budget) {
        double f1 = threshold(p, gold, use, Goal.MACRO_F1);
        for (int step = 2; step <= 95; step++) {
            double t = step / 100.0;
            int rows = 0;
            int flagged = 0;
            for (int i = 0; i < p.length; i++) {
                if ((use == null || use[i]) && fair[i]) {
                    rows++;
                    flagged += p[i] >= t ? 1 : 0;
                }
            }
            if (flagged <= budget * rows) {
                return Math.max(f1, t);
            }
        }
        return Math.max(f1, 0.95);
    }

    /** A report line for one head. */
    static String line(String name, Fitted f, boolean[] gold, List<Integer> rows) {
        Metrics m = new Metrics();
        for (int i : rows) {
            m.add(f.crossFitted()[i], gold[i]);
        }
        return String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.2f | %.0f |", name, m.support(),
                m.precision(), m.recall(), m.f1(), f.head().threshold(), f.head().lambda());
    }
}
