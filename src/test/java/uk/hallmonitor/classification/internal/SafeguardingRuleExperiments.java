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
        out.printf(Locale.ROOT, "%d rows, %d folds, %d rules%n", m, folds, SafeguardingRules.RULES.size());
        double[] budgets = {StackTrainer.DSL_BUDGET, 0.05, 0.10};
        boolean[][] main = null;
        for (double budget : budgets) {
            boolean[][] cross = StackTrainer.crossFittedBudget(p, gold, rule, fair, foldOf, folds, budget);
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
                    Arrays.toString(StackTrainer.budgetThresholds(p, gold, rule, fair, null, budget)), perCat);
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
}
