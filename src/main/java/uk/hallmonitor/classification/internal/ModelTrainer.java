package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.Predicate;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Builds a {@link ModelBundle} from the project corpus and the public sets: the offensive models (cross-validated
 * on OLID to choose the ensemble weights and threshold), the category model and the intent model. Each set's
 * fixed held-out tenth ({@link LabelledText#heldOut()}) is never trained on, so the bundle can be judged on it.
 */
public final class ModelTrainer {

    /**
     * What to train from and how.
     *
     * @param datasets     the public sets' directory, or null for the corpus alone
     * @param corpus       the project's corpus files (and moderator feedback)
     * @param licensedOnly leave out every set whose licence is unclear (OLID, Kaggle, cyberbullying, Formspring, Jigsaw)
     * @param folds        cross-validation folds for the ensemble weights (below 2: fixed weights)
     * @param iterations   maxent iterations
     * @param cutoff       minimum feature count
     * @param versionTag   suffix of the model version
     * @param maxent       the OpenNLP maxent trainer: {@code MAXENT} (GIS) or {@code MAXENT_QN} (L-BFGS)
     * @param feedback     moderators' corrections (corpus format); always trained on, never held out
     */
    public record Options(Path datasets, List<Path> corpus, boolean licensedOnly, int folds, int iterations,
                          int cutoff, String versionTag, String maxent, List<Path> feedback) {

        public Options {
            feedback = feedback == null ? List.of() : List.copyOf(feedback);
        }
    }

    /**
     * The offensive maxent models' settings, chosen by cross-validation on OLID (see {@code nlp-models/MODEL.md}):
     * strong L2 (OpenNLP sums the loss over examples, so these are mild per example; the main model sees three
     * times the data and takes twice the penalty) and every feature kept.
     */
    static final double MAIN_L2 = 100.0;
    static final double SECOND_L2 = 50.0;
    static final int OFFENSIVE_CUTOFF = 1;

    static {
        ModelBundle.registerFeatureGenerators();
    }

    private final PrintStream log;
    private final TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
    private final Map<String, NormalisedText> normalisedCache = new HashMap<>();

    public ModelTrainer(PrintStream log) {
        this.log = log;
    }

    /** Trains a bundle and returns it with the cross-validation report lines. */
    public Result train(Options options) {
        ModelBundle.registerFeatureGenerators();
        List<LabelledText> corpus = new ArrayList<>();
        for (Path file : options.corpus()) {
            corpus.addAll(Datasets.corpus(file, "corpus"));
        }
        List<LabelledText> feedback = new ArrayList<>();
        for (Path file : options.feedback()) {
            feedback.addAll(Datasets.corpus(file, "feedback"));
        }
        Map<String, List<LabelledText>> sources = new LinkedHashMap<>();
        sources.put("corpus", corpus);
        Path d = options.datasets();
        if (d != null) {
            sources.put("davidson", Datasets.davidson(d));
            sources.put("hatexplain", Datasets.hatexplain(d));
            if (!options.licensedOnly()) {
                sources.put("olid", Datasets.olid(d));
                sources.put("kaggle", Datasets.kaggle(d));
                sources.put("cyberbullying", Datasets.cyberbullying(d));
                sources.put("formspring", Datasets.formspring(d));
                sources.put("jigsaw", Datasets.jigsaw(d));
            }
        }
        sources.forEach((name, rows) -> log.printf("%s: %d rows (%d held out)%n", name, rows.size(),
                rows.stream().filter(LabelledText::heldOut).count()));
        Map<String, List<LabelledText>> train = new LinkedHashMap<>();
        sources.forEach((name, rows) -> train.put(name, rows.stream().filter(r -> !r.heldOut()).toList()));
        if (!feedback.isEmpty()) {
            // a moderator's correction is the most relevant example there is: always trained on, never held out
            log.printf("feedback: %d examples%n", feedback.size());
            List<LabelledText> withFeedback = new ArrayList<>(train.get("corpus"));
            withFeedback.addAll(feedback);
            train.put("corpus", withFeedback);
        }

        boolean olid = train.containsKey("olid");
        List<LabelledText> corpusOffensive = repeat(train.get("corpus"), 2);
        // OLID is the target; Davidson's "offensive" is narrower, so it goes into the main maxent as extra data and
        // the stacker weighs that model against one trained without it (both measured on OLID folds only)
        List<LabelledText> extra = new ArrayList<>(train.getOrDefault("davidson", List.of()));
        List<LabelledText> olidSet = new ArrayList<>(corpusOffensive);
        List<LabelledText> mainSet = new ArrayList<>(corpusOffensive);
        if (olid) {
            olidSet.addAll(train.get("olid"));
            mainSet.addAll(train.get("olid"));
            mainSet.addAll(extra);
        } else {
            // the licensed-only build: the openly licensed sets are all there is
            mainSet.addAll(extra);
            mainSet.addAll(train.getOrDefault("hatexplain", List.of()));
            olidSet = mainSet;
        }
        List<String> report = new ArrayList<>();
        Ensemble ensemble = new Ensemble(1.0, 0.0, 0.0, 0.0, 0.5);
        if (olid && options.folds() > 1) {
            ensemble = crossValidate(train.get("olid"), corpusOffensive, extra, options, report);
        } else if (options.folds() > 1) {
            ensemble = new Ensemble(1.0, 0.25, 0.0, 0.0, 0.5);
        }
        log.println("training the offensive maxent on " + mainSet.size() + ", naive Bayes on " + olidSet.size());
        DoccatModel maxent = offensiveModel(mainSet, options.maxent(), options);
        DoccatModel bayes = offensiveModel(olidSet, "NAIVEBAYES", options);
        DoccatModel aux = ensemble.auxWeight() == 0 ? bayes
                : offensiveModel(olidSet, options.maxent(), options, SECOND_L2);

        List<LabelledText> categorySet = categorySet(train);
        log.println("training the category model on " + categorySet.size());
        DoccatModel category = doccat(samples(categorySet, LabelledText::category), options.maxent(), options);
        List<LabelledText> intentSet = repeat(train.get("corpus").stream().filter(r -> r.intent() != null).toList(), 1);
        log.println("training the intent model on " + intentSet.size());
        DoccatModel intent = doccat(samples(intentSet, LabelledText::intent), options.maxent(), options);

        // to the minute: two trainings on one day must not share a version, verdicts and the model watch rely on it
        String version = "hm-" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm", Locale.ROOT)
                .format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + options.versionTag();
        ModelBundle bundle = new ModelBundle(maxent, bayes, aux, category, intent, ensemble, version);
        Properties trainedOn = new Properties();
        trainedOn.setProperty("trained.sources", String.join(",", sources.keySet()));
        trainedOn.setProperty("trained.feedback", Integer.toString(feedback.size()));
        trainedOn.setProperty("trained.licensedOnly", Boolean.toString(options.licensedOnly()));
        trainedOn.setProperty("trained.iterations", Integer.toString(options.iterations()));
        trainedOn.setProperty("trained.cutoff", Integer.toString(options.cutoff()));
        trainedOn.setProperty("trained.maxent", options.maxent());
        trainedOn.setProperty("trained.folds", Integer.toString(options.folds()));
        trainedOn.setProperty("trained.l1", System.getProperty("hallmonitor.train.l1", "0"));
        trainedOn.setProperty("trained.l2", Double.toString(l2()));
        trainedOn.setProperty("trained.offensive.l2", MAIN_L2 + " (main), " + SECOND_L2 + " (second maxent)");
        trainedOn.setProperty("trained.offensive.cutoff", Integer.toString(OFFENSIVE_CUTOFF));
        Map<String, List<LabelledText>> heldOut = new LinkedHashMap<>();
        sources.forEach((name, rows) -> heldOut.put(name, rows.stream().filter(LabelledText::heldOut).toList()));
        return new Result(bundle, trainedOn, report, heldOut);
    }

    /** Only the OLID cross-validation of the offensive models, for comparing settings cheaply. */
    public List<String> crossValidationOnly(Options options) {
        List<LabelledText> corpus = new ArrayList<>();
        for (Path file : options.corpus()) {
            corpus.addAll(Datasets.corpus(file, "corpus"));
        }
        List<LabelledText> corpusTrain = repeat(corpus.stream().filter(r -> !r.heldOut()).toList(), 2);
        List<LabelledText> extra = Datasets.davidson(options.datasets()).stream().filter(r -> !r.heldOut()).toList();
        List<LabelledText> olid = Datasets.olid(options.datasets()).stream().filter(r -> !r.heldOut()).toList();
        List<String> report = new ArrayList<>();
        crossValidate(olid, corpusTrain, extra, options, report);
        return report;
    }

    /** A trained bundle, what it was trained on, the cross-validation report and each source's held-out rows. */
    public record Result(ModelBundle bundle, Properties trainedOn, List<String> report,
                         Map<String, List<LabelledText>> heldOut) {
    }

    /**
     * Stratified K-fold cross-validation on OLID. In each fold three models are trained on the other folds plus
     * the corpus: the main maxent (with the extra data added), naive Bayes and a second maxent (without the extra
     * data); each scores the held-out fold. Every ensemble number is cross-fitted, so it is honest: for each fold
     * the stacker (a logistic regression on the models' log-odds) and the threshold are fitted on the other folds'
     * out-of-fold scores and then applied to this fold. The simplest ensemble within 0.002 of the best is shipped,
     * refitted on all out-of-fold scores: a model that adds nothing is not worth its time per text.
     */
    private Ensemble crossValidate(List<LabelledText> olid, List<LabelledText> corpus, List<LabelledText> extra,
                                   Options options, List<String> report) {
        int n = olid.size();
        int folds = options.folds();
        int[] foldOf = stratifiedFolds(olid, folds);
        double[] me = new double[n];
        double[] nb = new double[n];
        double[] ax = new double[n];
        boolean[] gold = new boolean[n];
        for (int i = 0; i < n; i++) {
            gold[i] = olid.get(i).offensive().equals("OFF");
        }
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> trainFold = new ArrayList<>(corpus);
            for (int i = 0; i < n; i++) {
                if (foldOf[i] != fold) {
                    trainFold.add(olid.get(i));
                }
            }
            List<LabelledText> mainFold = new ArrayList<>(trainFold);
            mainFold.addAll(extra);
            log.printf("fold %d/%d: training on %d (main maxent %d)%n", fold + 1, folds, trainFold.size(),
                    mainFold.size());
            DocumentCategorizerME m = new DocumentCategorizerME(offensiveModel(mainFold, options.maxent(), options));
            DocumentCategorizerME b = new DocumentCategorizerME(offensiveModel(trainFold, "NAIVEBAYES", options));
            DocumentCategorizerME a = new DocumentCategorizerME(offensiveModel(trainFold, options.maxent(), options,
                    SECOND_L2));
            for (int i = 0; i < n; i++) {
                if (foldOf[i] == fold) {
                    String text = olid.get(i).text();
                    String[] tokens = tokens(text);
                    Map<String, Object> raw = Map.of(OffensiveFeatures.RAW, cleaned(text));
                    me[i] = offensive(m, tokens, raw);
                    nb[i] = offensive(b, tokens, raw);
                    ax[i] = offensive(a, tokens, raw);
                }
            }
        }
        report.add(String.format(Locale.ROOT, "%d-fold, stratified, seed 42; %d OLID tweets; every model also saw "
                + "the corpus (×2); the main maxent also saw Davidson (%d rows)", folds, n, extra.size()));
        report.add(String.format(Locale.ROOT, "main maxent (OLID + Davidson), threshold 0.5: macro-F1 %.4f",
                macroF1(me, gold, 0.5)));
        report.add(String.format(Locale.ROOT, "naive Bayes (OLID), threshold 0.5: macro-F1 %.4f",
                macroF1(nb, gold, 0.5)));
        report.add(String.format(Locale.ROOT, "second maxent (OLID only), threshold 0.5: macro-F1 %.4f",
                macroF1(ax, gold, 0.5)));
        Map<Kind, Metrics> honest = new java.util.EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Metrics m = new Metrics();
            crossFitted(me, nb, ax, gold, foldOf, folds, kind, m);
            honest.put(kind, m);
            report.add(String.format(Locale.ROOT, "%s, %s cross-fitted: **macro-F1 %.4f** (OFF %s)", kind.label,
                    kind == Kind.MAXENT ? "threshold" : "stacker and threshold", m.macroF1(), m));
        }
        double bestF1 = honest.values().stream().mapToDouble(Metrics::macroF1).max().orElse(0);
        Kind chosen = Kind.MAXENT;
        for (Kind kind : Kind.values()) {
            if (honest.get(kind).macroF1() >= bestF1 - 0.002) {
                chosen = kind;
                break;
            }
        }
        Ensemble shipped = fitAll(chosen, me, nb, ax, gold);
        report.add("shipped: " + chosen.label + " (simplest within 0.002 of the best), fitted on all out-of-fold "
                + "scores: " + shipped);
        report.forEach(log::println);
        return shipped;
    }

    private static Ensemble fitAll(Kind kind, double[] me, double[] nb, double[] ax, boolean[] gold) {
        return switch (kind) {
            case MAXENT -> new Ensemble(1, 0, 0, 0, Ensemble.bestThreshold(me, gold, null));
            case TWO -> Ensemble.fit(me, nb, null, gold, null);
            case THREE -> Ensemble.fit(me, nb, ax, gold, null);
        };
    }

    /** The ensembles compared, simplest first. */
    private enum Kind {
        MAXENT("main maxent alone"),
        TWO("main maxent + naive Bayes"),
        THREE("main maxent + naive Bayes + second maxent");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private static double crossFitted(double[] me, double[] nb, double[] aux, boolean[] gold, int[] foldOf, int folds,
                                      Kind kind, Metrics m) {
        for (int fold = 0; fold < folds; fold++) {
            boolean[] fit = new boolean[gold.length];
            for (int i = 0; i < fit.length; i++) {
                fit[i] = foldOf[i] != fold;
            }
            Ensemble e = switch (kind) {
                case MAXENT -> new Ensemble(1, 0, 0, 0, Ensemble.bestThreshold(me, gold, fit));
                case TWO -> Ensemble.fit(me, nb, null, gold, fit);
                case THREE -> Ensemble.fit(me, nb, aux, gold, fit);
            };
            for (int i = 0; i < fit.length; i++) {
                if (!fit[i]) {
                    m.add(e.score(me[i], nb[i], aux == null ? 0.5 : aux[i]) >= e.threshold(), gold[i]);
                }
            }
        }
        return m.macroF1();
    }

    /** Folds dealt out per class after a seeded shuffle, so every fold has OLID's share of offensive tweets. */
    private static int[] stratifiedFolds(List<LabelledText> rows, int folds) {
        int[] foldOf = new int[rows.size()];
        List<Integer> off = new ArrayList<>();
        List<Integer> not = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            (rows.get(i).offensive().equals("OFF") ? off : not).add(i);
        }
        Random random = new Random(42);
        Collections.shuffle(off, random);
        Collections.shuffle(not, random);
        for (int k = 0; k < off.size(); k++) {
            foldOf[off.get(k)] = k % folds;
        }
        for (int k = 0; k < not.size(); k++) {
            foldOf[not.get(k)] = k % folds;
        }
        return foldOf;
    }

    private static double macroF1(double[] scores, boolean[] gold, double threshold) {
        Metrics m = new Metrics();
        for (int i = 0; i < scores.length; i++) {
            m.add(scores[i] >= threshold, gold[i]);
        }
        return m.macroF1();
    }

    private static double offensive(DocumentCategorizerME categorizer, String[] tokens, Map<String, Object> extra) {
        return categorizer.categorize(tokens, extra)[categorizer.getIndex(Ensemble.OFFENSIVE)];
    }

    /** An offensive-or-not model on {@link OffensiveFeatures}; maxent with the L2 and cutoff chosen by CV. */
    private DoccatModel offensiveModel(List<LabelledText> rows, String algorithm, Options options) {
        return offensiveModel(rows, algorithm, options, MAIN_L2);
    }

    private DoccatModel offensiveModel(List<LabelledText> rows, String algorithm, Options options, double l2) {
        List<DocumentSample> samples = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            if (row.offensive() != null) {
                samples.add(new DocumentSample(row.offensive(), tokens(row.text()),
                        Map.of(OffensiveFeatures.RAW, cleaned(row.text()))));
            }
        }
        boolean tuned = algorithm.equals("MAXENT_QN");
        return doccat(samples, algorithm, options.iterations(), tuned ? OFFENSIVE_CUTOFF : options.cutoff(),
                tuned ? l2 : l2(), new OffensiveFeatures());
    }

    /** Category examples: every source capped per label so that no one source's view of a category dominates. */
    private static List<LabelledText> categorySet(Map<String, List<LabelledText>> train) {
        List<LabelledText> out = new ArrayList<>(repeat(train.get("corpus").stream()
                .filter(r -> r.category() != null).toList(), 3));
        Random random = new Random(7);
        train.forEach((name, rows) -> {
            if (name.equals("corpus")) {
                return;
            }
            Map<String, List<LabelledText>> byLabel = new HashMap<>();
            rows.stream().filter(r -> r.category() != null)
                    .forEach(r -> byLabel.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r));
            byLabel.forEach((label, list) -> {
                List<LabelledText> copy = new ArrayList<>(list);
                Collections.shuffle(copy, random);
                int cap = label.equals("NONE") ? 1200 : 1500;
                out.addAll(copy.subList(0, Math.min(cap, copy.size())));
            });
        });
        return out;
    }

    private static List<LabelledText> repeat(List<LabelledText> rows, int times) {
        List<LabelledText> out = new ArrayList<>(rows.size() * times);
        for (int i = 0; i < times; i++) {
            out.addAll(rows);
        }
        return out;
    }

    private List<DocumentSample> samples(List<LabelledText> rows, java.util.function.Function<LabelledText, String> label) {
        List<DocumentSample> out = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            String l = label.apply(row);
            if (l != null) {
                out.add(new DocumentSample(l, tokens(row.text())));
            }
        }
        return out;
    }

    private String[] tokens(String text) {
        return normalised(text).tokens();
    }

    private String cleaned(String text) {
        return normalised(text).cleaned();
    }

    private NormalisedText normalised(String text) {
        return normalisedCache.computeIfAbsent(text, normaliser::normalise);
    }

    private static double l2() {
        return Double.parseDouble(System.getProperty("hallmonitor.train.l2", "1.0"));
    }

    /** Trains one document categorizer with the Hallmonitor word features (category and intent models). */
    public static DoccatModel doccat(List<DocumentSample> samples, String algorithm, Options options) {
        return doccat(samples, algorithm, options.iterations(), options.cutoff(), l2(), new PostFeatures());
    }

    private static DoccatModel doccat(List<DocumentSample> samples, String algorithm, int iterations, int cutoff,
                                      double l2, FeatureGenerator features) {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
        p.put(TrainingParameters.CUTOFF_PARAM, cutoff);
        p.put("DataIndexer", "OnePass");
        if (algorithm.equals("MAXENT_QN")) {
            p.put("L1Cost", Double.parseDouble(System.getProperty("hallmonitor.train.l1", "0")));
            p.put("L2Cost", l2);
        }
        p.put("PrintMessages", false);
        try {
            return DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), p,
                    new DoccatFactory(new FeatureGenerator[] {features}));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps rows matching a filter, for callers that split data. */
    static List<LabelledText> where(List<LabelledText> rows, Predicate<LabelledText> filter) {
        return rows.stream().filter(filter).toList();
    }

    /** Writes lines to a file, for the metrics report. */
    public static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
