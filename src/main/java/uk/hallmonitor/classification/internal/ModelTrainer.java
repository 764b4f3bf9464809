package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
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
     */
    public record Options(Path datasets, List<Path> corpus, boolean licensedOnly, int folds, int iterations,
                          int cutoff, String versionTag, String maxent) {
    }

    static {
        ModelBundle.registerFeatureGenerators();
    }

    private final PrintStream log;
    private final TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
    private final Map<String, String[]> tokenCache = new HashMap<>();

    public ModelTrainer(PrintStream log) {
        this.log = log;
    }

    /** Trains a bundle and returns it with the cross-validation report lines. */
    public Result train(Options options) {
        ModelBundle.registerFeatureGenerators();
        List<LabelledText> corpus = new ArrayList<>();
        for (Path file : options.corpus()) {
            corpus.addAll(Datasets.corpus(file, file.getFileName().toString().startsWith("feedback") ? "feedback"
                    : "corpus"));
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

        boolean olid = train.containsKey("olid");
        List<LabelledText> corpusOffensive = repeat(train.get("corpus"), 2);
        List<LabelledText> mainSet = new ArrayList<>(corpusOffensive);
        List<LabelledText> auxSet = new ArrayList<>(corpusOffensive);
        for (String name : List.of("davidson", "hatexplain")) {
            auxSet.addAll(train.getOrDefault(name, List.of()));
            if (!olid) {
                mainSet.addAll(train.getOrDefault(name, List.of()));
            }
        }
        if (olid) {
            mainSet.addAll(train.get("olid"));
        }
        List<String> report = new ArrayList<>();
        log.println("training the auxiliary (openly licensed) naive Bayes offensive model on " + auxSet.size());
        // naive Bayes trains in one pass: the auxiliary model sees the most data and needs no iterations
        DoccatModel aux = offensiveModel(auxSet, "NAIVEBAYES", options);
        Ensemble ensemble = new Ensemble(1.0, 0.0, 0.0, 0.0, 0.5);
        if (olid && options.folds() > 1) {
            ensemble = crossValidate(train.get("olid"), corpusOffensive, aux, options, report);
        } else if (options.folds() > 1) {
            ensemble = new Ensemble(1.0, 0.25, 0.0, 0.0, 0.5);
        }
        log.println("training the offensive maxent and naive Bayes models on " + mainSet.size());
        DoccatModel maxent = offensiveModel(mainSet, options.maxent(), options);
        DoccatModel bayes = offensiveModel(mainSet, "NAIVEBAYES", options);

        List<LabelledText> categorySet = categorySet(train);
        log.println("training the category model on " + categorySet.size());
        DoccatModel category = doccat(samples(categorySet, LabelledText::category), options.maxent(), options);
        List<LabelledText> intentSet = repeat(train.get("corpus").stream().filter(r -> r.intent() != null).toList(), 1);
        log.println("training the intent model on " + intentSet.size());
        DoccatModel intent = doccat(samples(intentSet, LabelledText::intent), options.maxent(), options);

        String version = "hm-" + LocalDate.now(ZoneOffset.UTC) + "-" + options.versionTag();
        ModelBundle bundle = new ModelBundle(maxent, bayes, aux, category, intent, ensemble, version);
        Properties trainedOn = new Properties();
        trainedOn.setProperty("trained.sources", String.join(",", sources.keySet()));
        trainedOn.setProperty("trained.licensedOnly", Boolean.toString(options.licensedOnly()));
        trainedOn.setProperty("trained.iterations", Integer.toString(options.iterations()));
        trainedOn.setProperty("trained.cutoff", Integer.toString(options.cutoff()));
        trainedOn.setProperty("trained.maxent", options.maxent());
        trainedOn.setProperty("trained.folds", Integer.toString(options.folds()));
        trainedOn.setProperty("trained.l1", System.getProperty("hallmonitor.train.l1", "0.1"));
        trainedOn.setProperty("trained.l2", System.getProperty("hallmonitor.train.l2", "0.1"));
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
        List<LabelledText> auxSet = new ArrayList<>(corpusTrain);
        auxSet.addAll(Datasets.davidson(options.datasets()).stream().filter(r -> !r.heldOut()).toList());
        auxSet.addAll(Datasets.hatexplain(options.datasets()).stream().filter(r -> !r.heldOut()).toList());
        List<LabelledText> olid = Datasets.olid(options.datasets()).stream().filter(r -> !r.heldOut()).toList();
        List<String> report = new ArrayList<>();
        crossValidate(olid, corpusTrain, offensiveModel(auxSet, "NAIVEBAYES", options), options, report);
        return report;
    }

    /** A trained bundle, what it was trained on, the cross-validation report and each source's held-out rows. */
    public record Result(ModelBundle bundle, Properties trainedOn, List<String> report,
                         Map<String, List<LabelledText>> heldOut) {
    }

    /**
     * K-fold cross-validation on OLID: the maxent and naive Bayes models are trained on the other folds plus the
     * corpus, the auxiliary model never saw OLID; the weights and threshold that give the best out-of-fold
     * macro-F1 are kept.
     */
    private Ensemble crossValidate(List<LabelledText> olid, List<LabelledText> corpus, DoccatModel aux,
                                   Options options, List<String> report) {
        List<LabelledText> shuffled = new ArrayList<>(olid);
        Collections.shuffle(shuffled, new Random(42));
        int n = shuffled.size();
        double[] me = new double[n];
        double[] nb = new double[n];
        double[] ax = new double[n];
        boolean[] gold = new boolean[n];
        DocumentCategorizerME auxCategorizer = new DocumentCategorizerME(aux);
        for (int fold = 0; fold < options.folds(); fold++) {
            List<LabelledText> trainFold = new ArrayList<>(corpus);
            for (int i = 0; i < n; i++) {
                if (i % options.folds() != fold) {
                    trainFold.add(shuffled.get(i));
                }
            }
            log.printf("fold %d/%d: training on %d%n", fold + 1, options.folds(), trainFold.size());
            DocumentCategorizerME m = new DocumentCategorizerME(offensiveModel(trainFold, options.maxent(), options));
            DocumentCategorizerME b = new DocumentCategorizerME(offensiveModel(trainFold, "NAIVEBAYES", options));
            for (int i = fold; i < n; i += options.folds()) {
                String[] tokens = tokens(shuffled.get(i).text());
                me[i] = offensive(m, tokens);
                nb[i] = offensive(b, tokens);
                ax[i] = offensive(auxCategorizer, tokens);
                gold[i] = shuffled.get(i).offensive().equals("OFF");
            }
        }
        report.add(String.format(Locale.ROOT, "maxent alone (threshold 0.5): macro-F1 %.4f", macroF1(me, gold, 0.5)));
        report.add(String.format(Locale.ROOT, "naive Bayes alone (threshold 0.5): macro-F1 %.4f",
                macroF1(nb, gold, 0.5)));
        report.add(String.format(Locale.ROOT, "licensed-data naive Bayes alone, never saw OLID (0.5): macro-F1 %.4f",
                macroF1(ax, gold, 0.5)));
        Ensemble best = null;
        double bestF1 = -1;
        double[] combined = new double[n];
        for (double wm = 0; wm <= 1.5001; wm += 0.25) {
            for (double wb = 0; wb <= 1.0001; wb += 0.25) {
                for (double wa = 0; wa <= 1.0001; wa += 0.25) {
                    if (wm + wb + wa == 0) {
                        continue;
                    }
                    Ensemble e = new Ensemble(wm, wb, wa, 0, 0.5);
                    for (int i = 0; i < n; i++) {
                        combined[i] = e.score(me[i], nb[i], ax[i]);
                    }
                    for (double t = 0.2; t <= 0.7001; t += 0.01) {
                        double f1 = macroF1(combined, gold, t);
                        if (f1 > bestF1) {
                            bestF1 = f1;
                            best = new Ensemble(wm, wb, wa, 0, Math.round(t * 100) / 100.0);
                        }
                    }
                }
            }
        }
        report.add(String.format(Locale.ROOT, "ensemble %s: out-of-fold macro-F1 %.4f", best, bestF1));
        Metrics m = new Metrics();
        for (int i = 0; i < n; i++) {
            m.add(best.score(me[i], nb[i], ax[i]) >= best.threshold(), gold[i]);
        }
        report.add("ensemble out-of-fold OFF class: " + m);
        report.forEach(log::println);
        return best;
    }

    private static double macroF1(double[] scores, boolean[] gold, double threshold) {
        Metrics m = new Metrics();
        for (int i = 0; i < scores.length; i++) {
            m.add(scores[i] >= threshold, gold[i]);
        }
        return m.macroF1();
    }

    private double offensive(DocumentCategorizerME categorizer, String[] tokens) {
        return categorizer.categorize(tokens)[categorizer.getIndex(Ensemble.OFFENSIVE)];
    }

    private DoccatModel offensiveModel(List<LabelledText> rows, String algorithm, Options options) {
        return doccat(samples(rows.stream().filter(r -> r.offensive() != null).toList(), LabelledText::offensive),
                algorithm, options);
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
        return tokenCache.computeIfAbsent(text, t -> normaliser.normalise(t).tokens());
    }

    /** Trains one document categorizer with the Hallmonitor features. */
    public static DoccatModel doccat(List<DocumentSample> samples, String algorithm, Options options) {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
        p.put(TrainingParameters.ITERATIONS_PARAM, options.iterations());
        p.put(TrainingParameters.CUTOFF_PARAM, options.cutoff());
        p.put("DataIndexer", "OnePass");
        if (algorithm.equals("MAXENT_QN")) {
            p.put("L1Cost", Double.parseDouble(System.getProperty("hallmonitor.train.l1", "0.1")));
            p.put("L2Cost", Double.parseDouble(System.getProperty("hallmonitor.train.l2", "0.1")));
        }
        p.put("PrintMessages", false);
        try {
            return DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), p,
                    new DoccatFactory(new FeatureGenerator[] {new PostFeatures()}));
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
