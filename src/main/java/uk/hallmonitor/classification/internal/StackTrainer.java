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

    /**
     * Share of the training hard negatives (fair complaints and praise) the models + rules may send to the DSL when
     * the safeguarding thresholds are chosen (the default of {@code train --dsl-budget}). 2.4% since round 7: chosen on
     * four folds, the budget is judged on the fifth, where builds chosen at 2.5% sent 3.0% and 3.1% (rounds 5 and 6);
     * the judged ceiling is 3.0%. 2.0% since round 8: chosen at 2.4%, round 7 was judged at 3.3% (+0.9 points).
     */
    public static final double DSL_BUDGET = 0.020;
    /** The choosing budget of builds up to round 6, still reported as a trade-off line for comparison. */
    static final double ROUND_6_DSL_BUDGET = 0.025;
    /**
     * Share of the training hard negatives (fair complaints and praise) the offensive decision may flag out-of-fold
     * when its threshold is chosen (the default of {@code train --offensive-budget}). 1.6% since round 8: chosen at
     * 2.0%, round 7 was judged at 2.2% on the fifth fold; the judged ceiling is 2.0%.
     */
    public static final double OFFENSIVE_BUDGET = 0.016;

    /**
     * Joint thresholds of the safeguarding heads under a false-alarm budget: out-of-fold, at most {@code budget} of
     * the fair rows (among {@code use}) may be sent to the DSL by any head or by a rule ({@code ruleAlarm}); within
     * that, greedily lower the head whose next recall gain costs the fewest new false alarms, until no step fits
     * ({@link #greedyBudgetThresholds}); then per-category cut-offs by a local search from there
     * ({@link #perCategory}: trade one head's threshold against another's for more safeguarding rows sent within the
     * same budget, minding each category's floor). Greedy gains are counted per category (a row's category caught
     * by its own head or a rule of that category).
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
        return perCategory(p, gold, ruleHit, fair, use, budget,
                greedyBudgetThresholds(p, gold, ruleHit, fair, use, budget));
    }

    /** Per-category recall each safeguarding head (with its category's rules) aims for (issue 11's floor). */
    static final double CATEGORY_FLOOR = 0.90;
    /** Largest move, in hundredths, of one threshold in one step of {@link #perCategory}. */
    private static final int MOVE = 10;

    /**
     * Per-category cut-offs under the same budget, from {@code start} (the greedy's): a local search that lowers one
     * head by 0.01–0.10 while raising another by 0–0.10 (or just lowers one), taking the best move until none helps.
     * A move is taken only when it sends no more fair rows than the budget allows and is no worse on either of: the
     * safeguarding rows sent to the DSL (any head or rule), and the categories' total shortfall below
     * {@link #CATEGORY_FLOOR} (rows of a category its own head or rule must still catch to reach the floor), and
     * better on one of them (or, equal on both, sends fewer fair rows). So recall rises, but not by letting a
     * category under its floor fall further than the others rise towards theirs. Among such moves: most rows sent,
     * then the smallest shortfall, then the fewest fair rows.
     */
    static double[] perCategory(double[][] p, boolean[][] gold, boolean[][] ruleHit, boolean[] fair, boolean[] use,
                                double budget, double[] start) {
        int heads = p.length;
        int fairRows = 0;
        int[] support = new int[heads];
        // only fair rows and safeguarding rows change the score: the search looks at those alone
        int[] rows = new int[fair.length];
        int count = 0;
        for (int i = 0; i < fair.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            boolean any = fair[i];
            fairRows += fair[i] ? 1 : 0;
            for (int h = 0; h < heads; h++) {
                support[h] += gold[h][i] ? 1 : 0;
                any |= gold[h][i];
            }
            if (any) {
                rows[count++] = i;
            }
        }
        rows = java.util.Arrays.copyOf(rows, count);
        int allowed = (int) Math.floor(budget * fairRows);
        int[] t = new int[heads];
        for (int h = 0; h < heads; h++) {
            t[h] = (int) Math.round(start[h] * 100);
        }
        int[] best = budgetScore(p, gold, ruleHit, fair, rows, t, support);
        while (true) {
            int[] bestT = null;
            int[] bestScore = best;
            for (int a = 0; a < heads; a++) {
                for (int b = -1; b < heads; b++) {
                    if (b == a) {
                        continue;
                    }
                    for (int d = 1; d <= MOVE && t[a] - d >= 2; d++) {
                        for (int e = b < 0 ? 0 : 1; e <= (b < 0 ? 0 : MOVE) && (b < 0 || t[b] + e <= 95); e++) {
                            int[] c = t.clone();
                            c[a] -= d;
                            if (b >= 0) {
                                c[b] += e;
                            }
                            int[] s = budgetScore(p, gold, ruleHit, fair, rows, c, support);
                            if (s[1] <= allowed && improves(s, best) && preferred(s, bestScore, bestT == null)) {
                                bestScore = s;
                                bestT = c;
                            }
                        }
                    }
                }
            }
            if (bestT == null) {
                break;
            }
            t = bestT;
            best = bestScore;
        }
        double[] out = new double[heads];
        for (int h = 0; h < heads; h++) {
            out[h] = t[h] / 100.0;
        }
        return out;
    }

    /** No worse than {@code now} on rows sent and shortfall, and better on one (or fewer fair rows at equal). */
    private static boolean improves(int[] s, int[] now) {
        if (s[0] < now[0] || s[2] > now[2]) {
            return false;
        }
        return s[0] > now[0] || s[2] < now[2] || s[1] < now[1];
    }

    private static boolean preferred(int[] s, int[] bestSoFar, boolean first) {
        if (first) {
            return true;
        }
        if (s[0] != bestSoFar[0]) {
            return s[0] > bestSoFar[0];
        }
        if (s[2] != bestSoFar[2]) {
            return s[2] < bestSoFar[2];
        }
        return s[1] < bestSoFar[1];
    }

    /**
     * [safeguarding rows sent, fair rows sent, total shortfall below the floor] of {@code rows} at thresholds
     * {@code t} (hundredths), rules included; a category's rows count as caught by its own head or its own rules.
     */
    private static int[] budgetScore(double[][] p, boolean[][] gold, boolean[][] ruleHit, boolean[] fair,
                                     int[] rows, int[] t, int[] support) {
        int heads = p.length;
        int sent = 0;
        int fairSent = 0;
        int[] caught = new int[heads];
        double[] cut = new double[heads];
        for (int h = 0; h < heads; h++) {
            cut[h] = t[h] / 100.0;
        }
        for (int i : rows) {
            boolean fires = false;
            boolean any = false;
            for (int h = 0; h < heads; h++) {
                boolean own = ruleHit[h][i] || p[h][i] >= cut[h];
                fires |= own;
                if (gold[h][i]) {
                    any = true;
                    caught[h] += own ? 1 : 0;
                }
            }
            sent += any && fires ? 1 : 0;
            fairSent += fair[i] && fires ? 1 : 0;
        }
        int shortfall = 0;
        for (int h = 0; h < heads; h++) {
            shortfall += Math.max(0, (int) Math.ceil(CATEGORY_FLOOR * support[h] - 1e-9) - caught[h]);
        }
        return new int[] {sent, fairSent, shortfall};
    }

    /**
     * The greedy start of {@link #budgetThresholds}: one joint pass that lowers, step by step, the head whose next
     * recall gain costs the fewest new false alarms, until no step fits the budget (the single cut-off rule of
     * builds up to hm-2026-12-07T1523-full).
     */
    static double[] greedyBudgetThresholds(double[][] p, boolean[][] gold, boolean[][] ruleHit, boolean[] fair,
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
