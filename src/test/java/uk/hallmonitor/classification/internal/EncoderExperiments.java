package uk.hallmonitor.classification.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which sentence encoder: e5-small-v2 int8 against all-MiniLM-L6-v2 int8, on the same folds and the same heads, with
 * the sentence vector as the only feature (the n-gram score the stack adds is the same for both, so it is left out
 * here to keep the run cheap). Reports, cross-fitted (each fold judged by a threshold chosen without it):
 * OLID level A macro-F1 (5-fold on the training tweets minus the held-out tenth), and on the corpus the recall of
 * safeguarding posts by one "to the DSL" head when at most 2.5% of the fair complaints and praise may be sent.
 *
 * <p>Not a test: run by hand, {@code java -cp target/classes:target/test-classes:$(cat cp.txt)
 * uk.hallmonitor.classification.internal.EncoderExperiments ../shared/datasets nlp-models/corpus/train e5|minilm
 * CACHE_FILE}.
 */
public final class EncoderExperiments {

    private static final Set<String> SAFEGUARDING = Set.of("THREAT", "SELF_HARM", "SEXUAL", "EXTREMISM", "DISCLOSURE");

    private EncoderExperiments() {
    }

    public static void main(String[] args) {
        ModelBundle.registerFeatureGenerators();
        Path datasets = Path.of(args[0]);
        Path corpusDir = Path.of(args[1]);
        SentenceEncoder encoder = SentenceEncoder.shared(SentenceEncoder.Kind.of(args[2]));
        EmbeddingCache cache = new EmbeddingCache(Path.of(args[3]), encoder.name(), System.out);
        TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
        int folds = 5;

        List<LabelledText> olid = Datasets.olid(datasets).stream().filter(r -> !r.heldOut()).toList();
        List<LabelledText> corpus = new ArrayList<>();
        try (var files = java.nio.file.Files.list(corpusDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                corpus.addAll(Datasets.corpus(f, "corpus"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        corpus = corpus.stream().filter(r -> !r.heldOut()).toList();

        long start = System.nanoTime();
        float[][] olidX = vectors(olid, cache, encoder, normaliser);
        float[][] corpusX = vectors(corpus, cache, encoder, normaliser);
        System.out.printf(Locale.ROOT, "vectors ready in %.0f s%n", (System.nanoTime() - start) / 1e9);

        boolean[] olidGold = new boolean[olid.size()];
        for (int i = 0; i < olidGold.length; i++) {
            olidGold[i] = "OFF".equals(olid.get(i).offensive());
        }
        int[] olidFold = ModelTrainer.stratifiedFolds(olid, folds, LabelledText::offensive);
        StackTrainer.Fitted f = StackTrainer.fit(olidX, olidGold, olidFold, folds, StackTrainer.Goal.MACRO_F1);
        Metrics m = new Metrics();
        for (int i = 0; i < olidGold.length; i++) {
            m.add(f.crossFitted()[i], olidGold[i]);
        }
        System.out.printf(Locale.ROOT,
                "%s | OLID %d-fold (%d tweets), sentence vector alone: macro-F1 %.4f (L2 %.0f)%n",
                encoder.name(), folds, olid.size(), m.macroF1(), f.head().lambda());

        int n = corpus.size();
        boolean[] gold = new boolean[n];
        boolean[] fair = new boolean[n];
        for (int i = 0; i < n; i++) {
            gold[i] = corpus.get(i).categories().stream().anyMatch(SAFEGUARDING::contains);
            fair[i] = ModelTrainer.fair(corpus.get(i));
        }
        int[] fold = ModelTrainer.stratifiedFolds(corpus, folds, LabelledText::category);
        double[] oof = StackTrainer.outOfFold(corpusX, gold, fold, folds, 10);
        boolean[][] noRule = {new boolean[n]};
        int caught = 0;
        int positives = 0;
        int alarms = 0;
        int fairRows = 0;
        for (int k = 0; k < folds; k++) {
            boolean[] others = new boolean[n];
            for (int i = 0; i < n; i++) {
                others[i] = fold[i] != k;
            }
            double t = StackTrainer.budgetThresholds(new double[][] {oof}, new boolean[][] {gold}, noRule, fair,
                    others, StackTrainer.DSL_BUDGET)[0];
            for (int i = 0; i < n; i++) {
                if (!others[i]) {
                    boolean sent = oof[i] >= t;
                    positives += gold[i] ? 1 : 0;
                    caught += gold[i] && sent ? 1 : 0;
                    fairRows += fair[i] ? 1 : 0;
                    alarms += fair[i] && sent ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s | corpus %d-fold (%d posts), one to-the-DSL head on the sentence vector "
                + "alone, budget %.1f%%: safeguarding recall %d/%d = %.3f, fair posts sent %d/%d = %.1f%%%n",
                encoder.name(), folds, n, 100 * StackTrainer.DSL_BUDGET, caught, positives,
                caught / (double) positives, alarms, fairRows, 100.0 * alarms / fairRows);
    }

    private static float[][] vectors(List<LabelledText> rows, EmbeddingCache cache, SentenceEncoder encoder,
                                     TextNormaliser normaliser) {
        List<String> texts = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            texts.add(TextNormaliser.encoderText(normaliser.normalise(row.text())));
        }
        return cache.vectors(texts, encoder);
    }
}
