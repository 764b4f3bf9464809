package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Not a test: the safety-net rules' effect measured on a training run's out-of-fold evidence
 * ({@code train --dump-out-of-fold DIR} writes {@code safeguarding-oof.tsv}), without retraining. With the rules as
 * compiled now it chooses the safeguarding thresholds under the DSL budget cross-fitted exactly as {@code train}
 * does ({@link StackTrainer#crossFittedBudget}) and prints recall and the fair posts sent to the DSL, what each rule
 * catches and costs, and writes the safeguarding posts still missed (and the fair posts sent) to a file for reading.
 * Training rows only: the frozen test split is never read here. With a third argument, a directory holding a
 * {@code stack.bin} (a built bundle, e.g. {@code nlp-models}), it also prints what that bundle's own safeguarding
 * thresholds do on the same out-of-fold scores with the rules as compiled (a build as it runs, thresholds fixed, not
 * re-chosen).
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     uk.hallmonitor.classification.internal.SafeguardingRuleExperiments DUMP_DIR MISSES_FILE [BUNDLE_DIR]
 * </pre>
 */
public final class SafeguardingRuleExperiments {

    private SafeguardingRuleExperiments() {
    }

    public static void main(String[] args) throws IOException {
        Path dump = Path.of(args[0]);
        List<String> lines = Files.readAllLines(dump.resolve("safeguarding-oof.tsv"), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t");
        List<String> names = Arrays.asList(header).subList(5, header.length - 1);
        int h = names.size();
        int m = lines.size() - 1;
        int[] foldOf = new int[m];
        boolean[] fair = new boolean[m];
        double[][] p = new double[h][m];
        boolean[][] gold = new boolean[h][m];
        boolean[][] rule = new boolean[h][m];
        // rules left out when the thresholds are chosen (a recipe trained before they existed), still judged with them
        List<String> chooseWithout = Arrays.asList(System.getProperty("choose.without", "").split(","));
        boolean[][] ruleChoose = new boolean[h][m];
        String[] texts = new String[m];
        String[] labels = new String[m];
        Map<String, int[]> perRule = new TreeMap<>();
        TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
        List<List<String>> rulesOf = new ArrayList<>();
        int folds = 0;
        for (int i = 0; i < m; i++) {
            String[] f = lines.get(i + 1).split("\t", -1);
            foldOf[i] = Integer.parseInt(f[0]);
            folds = Math.max(folds, foldOf[i] + 1);
            fair[i] = f[1].equals("1");
            labels[i] = f[2];
            List<String> cats = Arrays.asList(f[2].split(","));
            for (int k = 0; k < h; k++) {
                p[k][i] = Double.parseDouble(f[5 + k]);
                gold[k][i] = cats.contains(names.get(k));
            }
            texts[i] = Datasets.unescapeLine(f[f.length - 1]);
            List<String> fired = new ArrayList<>();
            for (SafeguardingRules.Match match : SafeguardingRules.find(normaliser.normalise(texts[i]))) {
                int k = names.indexOf(match.rule().category());
                if (k >= 0) {
                    rule[k][i] = true;
                    ruleChoose[k][i] |= !chooseWithout.contains(match.rule().id());
                }
                fired.add(match.rule().id());
                // [rows caught of the rule's own category, other safeguarding rows, fair rows, other NONE rows]
                int[] c = perRule.computeIfAbsent(match.rule().id(), x -> new int[4]);
                boolean any = false;
                for (int q = 0; q < h; q++) {
                    any |= gold[q][i];
                }
                if (k >= 0 && gold[k][i]) {
                    c[0]++;
                } else if (any) {
                    c[1]++;
                } else if (fair[i]) {
                    c[2]++;
                } else if (cats.contains("NONE")) {
                    c[3]++;
                }
            }
            rulesOf.add(fired);
        }
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "%d rows, %d folds, %d rules; thresholds chosen without the rules %s%n", m, folds,
                SafeguardingRules.RULES.size(), chooseWithout);
        // -Dbudgets=0.024,0.02,...: the choosing budgets to cross-fit (the first is the one the misses are read at)
        double[] budgets = Arrays.stream(System.getProperty("budgets", StackTrainer.DSL_BUDGET + ",0.05,0.10")
                .split(",")).mapToDouble(Double::parseDouble).toArray();
        boolean[][] main = null;
        for (double budget : budgets) {
            boolean[][] cross = StackTrainer.crossFittedBudget(p, gold, ruleChoose, fair, foldOf, folds, budget);
            if (main == null) {
                main = cross;
            }
            int guard = 0;
            int guardSent = 0;
            int fairRows = 0;
            int fairSent = 0;
            int fairByRule = 0;
            int[] catRows = new int[h];
            int[] catSent = new int[h];
            for (int i = 0; i < m; i++) {
                boolean sent = false;
                boolean byRule = false;
                boolean any = false;
                for (int k = 0; k < h; k++) {
                    sent |= cross[k][i] || rule[k][i];
                    byRule |= rule[k][i];
                    any |= gold[k][i];
                    if (gold[k][i]) {
                        catRows[k]++;
                        catSent[k] += cross[k][i] || rule[k][i] ? 1 : 0;
                    }
                }
                guard += any ? 1 : 0;
                guardSent += any && sent ? 1 : 0;
                if (fair[i]) {
                    fairRows++;
                    fairSent += sent ? 1 : 0;
                    fairByRule += byRule ? 1 : 0;
                }
            }
            StringBuilder perCat = new StringBuilder();
            for (int k = 0; k < h; k++) {
                perCat.append(String.format(Locale.ROOT, " %s %d/%d=%.3f", names.get(k), catSent[k], catRows[k],
                        catSent[k] / (double) Math.max(1, catRows[k])));
            }
            out.printf(Locale.ROOT, "budget %.1f%%: recall %d/%d = %.3f; fair to the DSL %d/%d = %.2f%% (%d hit by a "
                    + "rule); thresholds %s; per category (own head or own rule):%s%n", 100 * budget, guardSent,
                    guard, guardSent / (double) guard, fairSent, fairRows, 100.0 * fairSent / fairRows, fairByRule,
                    Arrays.toString(StackTrainer.budgetThresholds(p, gold, ruleChoose, fair, null, budget)), perCat);
        }
        // per-category cut-offs: from the joint greedy's thresholds, move SELF_HARM or SEXUAL down while raising another
        // head, kept if it catches more under the same budget (chosen without the row's fold, like the greedy)
        for (String focus : List.of("SELF_HARM,SEXUAL", "THREAT,SELF_HARM,SEXUAL,EXTREMISM,DISCLOSURE")) {
            boolean[][] refined = new boolean[h][m];
            for (int f = 0; f < folds; f++) {
                boolean[] others = new boolean[m];
                for (int i = 0; i < m; i++) {
                    others[i] = foldOf[i] != f;
                }
                double[] t = refine(p, gold, ruleChoose, fair, others, StackTrainer.DSL_BUDGET,
                        StackTrainer.budgetThresholds(p, gold, ruleChoose, fair, others, StackTrainer.DSL_BUDGET),
                        names, Arrays.asList(focus.split(",")));
                for (int k = 0; k < h; k++) {
                    for (int i = 0; i < m; i++) {
                        if (!others[i]) {
                            refined[k][i] = p[k][i] >= t[k];
                        }
                    }
                }
            }
            double[] all = refine(p, gold, ruleChoose, fair, null, StackTrainer.DSL_BUDGET,
                    StackTrainer.budgetThresholds(p, gold, ruleChoose, fair, null, StackTrainer.DSL_BUDGET), names,
                    Arrays.asList(focus.split(",")));
            out.printf(Locale.ROOT, "budget %.1f%%, greedy then lowering %s against the others (cross-fitted): %s; "
                    + "thresholds on all rows %s%n", 100 * StackTrainer.DSL_BUDGET, focus,
                    summary(refined, rule, gold, fair, names), Arrays.toString(all));
        }
        if (args.length > 2) {
            StackedHeads stack;
            try (java.io.InputStream in = Files.newInputStream(Path.of(args[2]).resolve(StackedHeads.FILE))) {
                stack = StackedHeads.read(in);
            }
            boolean[][] fixed = new boolean[h][m];
            double[] t = new double[h];
            for (int k = 0; k < h; k++) {
                t[k] = stack.heads().get(names.get(k)).threshold();
                for (int i = 0; i < m; i++) {
                    fixed[k][i] = p[k][i] >= t[k];
                }
            }
            out.printf(Locale.ROOT, "fixed thresholds of %s %s: %s%n", args[2], Arrays.toString(t),
                    summary(fixed, rule, gold, fair, names));
        }
        out.println("rule | own-category rows | other safeguarding rows | fair rows | other NONE rows");
        perRule.forEach((id, c) -> out.printf("%s | %d | %d | %d | %d%n", id, c[0], c[1], c[2], c[3]));
        if (args.length > 1) {
            List<String> misses = new ArrayList<>();
            for (int k = 0; k < h; k++) {
                misses.add("## missed " + names.get(k));
                for (int i = 0; i < m; i++) {
                    boolean sent = false;
                    for (int q = 0; q < h; q++) {
                        sent |= main[q][i] || rule[q][i];
                    }
                    if (gold[k][i] && !sent) {
                        misses.add(String.format(Locale.ROOT, "%.3f\t%s\t%s", p[k][i], labels[i], texts[i]));
                    }
                }
            }
            misses.add("## fair posts sent to the DSL");
            for (int i = 0; i < m; i++) {
                boolean sent = false;
                for (int q = 0; q < h; q++) {
                    sent |= main[q][i] || rule[q][i];
                }
                if (fair[i] && sent) {
                    misses.add(rulesOf.get(i) + "\t" + texts[i]);
                }
            }
            Files.write(Path.of(args[1]), misses, StandardCharsets.UTF_8);
        }
    }

    /** Recall, fair posts sent and per-category recall of one set of head decisions plus the rules. */
    static String summary(boolean[][] fires, boolean[][] rule, boolean[][] gold, boolean[] fair, List<String> names) {
        int h = names.size();
        int m = fair.length;
        int guard = 0;
        int guardSent = 0;
        int fairRows = 0;
        int fairSent = 0;
        int[] catRows = new int[h];
        int[] catSent = new int[h];
        for (int i = 0; i < m; i++) {
            boolean sent = false;
            boolean any = false;
            for (int k = 0; k < h; k++) {
                sent |= fires[k][i] || rule[k][i];
                any |= gold[k][i];
                if (gold[k][i]) {
                    catRows[k]++;
                    catSent[k] += fires[k][i] || rule[k][i] ? 1 : 0;
                }
            }
            guard += any ? 1 : 0;
            guardSent += any && sent ? 1 : 0;
            if (fair[i]) {
                fairRows++;
                fairSent += sent ? 1 : 0;
            }
        }
        StringBuilder perCat = new StringBuilder();
        for (int k = 0; k < h; k++) {
            perCat.append(String.format(Locale.ROOT, " %s %d/%d=%.3f", names.get(k), catSent[k], catRows[k],
                    catSent[k] / (double) Math.max(1, catRows[k])));
        }
        return String.format(Locale.ROOT, "recall %d/%d = %.3f; fair to the DSL %d/%d = %.2f%%; per category:%s",
                guardSent, guard, guardSent / (double) Math.max(1, guard), fairSent, fairRows,
                100.0 * fairSent / Math.max(1, fairRows), perCat);
    }

    /**
     * Local search from the greedy thresholds: lower one head of {@code lower} by 1-10 hundredths while raising
     * another by 0-10, keeping a move when more safeguarding rows (of the used ones) are sent and the fair rows sent
     * stay within the budget. Repeats until no move helps.
     */
    static double[] refine(double[][] p, boolean[][] gold, boolean[][] rule, boolean[] fair, boolean[] use,
                           double budget, double[] start, List<String> names, List<String> lower) {
        int h = p.length;
        int m = fair.length;
        int fairRows = 0;
        for (int i = 0; i < m; i++) {
            fairRows += (use == null || use[i]) && fair[i] ? 1 : 0;
        }
        int allowed = (int) Math.floor(budget * fairRows);
        int[] t = new int[h];
        for (int k = 0; k < h; k++) {
            t[k] = (int) Math.round(start[k] * 100);
        }
        int[] best = score(p, gold, rule, fair, use, t);
        boolean moved = true;
        while (moved) {
            moved = false;
            int[] bestT = null;
            for (int a = 0; a < h; a++) {
                if (!lower.contains(names.get(a))) {
                    continue;
                }
                for (int b = 0; b < h; b++) {
                    if (b == a) {
                        continue;
                    }
                    for (int d = 1; d <= 10 && t[a] - d >= 2; d++) {
                        for (int e = 0; e <= 10 && t[b] + e <= 95; e++) {
                            int[] c = t.clone();
                            c[a] -= d;
                            c[b] += e;
                            int[] s = score(p, gold, rule, fair, use, c);
                            if (s[1] <= allowed && s[0] > best[0]) {
                                best = s;
                                bestT = c;
                            }
                        }
                    }
                }
            }
            if (bestT != null) {
                t = bestT;
                moved = true;
            }
        }
        double[] out = new double[h];
        for (int k = 0; k < h; k++) {
            out[k] = t[k] / 100.0;
        }
        return out;
    }

    /** [safeguarding rows sent, fair rows sent] of the used rows at these thresholds (hundredths), rules included. */
    private static int[] score(double[][] p, boolean[][] gold, boolean[][] rule, boolean[] fair, boolean[] use,
                               int[] t) {
        int sent = 0;
        int fairSent = 0;
        for (int i = 0; i < fair.length; i++) {
            if (use != null && !use[i]) {
                continue;
            }
            boolean fires = false;
            boolean any = false;
            for (int k = 0; k < p.length; k++) {
                fires |= rule[k][i] || p[k][i] >= t[k] / 100.0;
                any |= gold[k][i];
            }
            sent += any && fires ? 1 : 0;
            fairSent += fair[i] && fires ? 1 : 0;
        }
        return new int[] {sent, fairSent};
    }
}
