package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * The experiment loop behind the offensive-model recipe in {@code nlp-models/MODEL.md}: features are computed once
 * per text and view, models are trained straight on the cached events (what {@code DocumentCategorizerME} does
 * inside), and every number is out-of-fold on the OLID training set minus its fixed held-out tenth. Stackers and
 * thresholds are cross-fitted: fitted on the other folds' out-of-fold scores, measured on the held-out fold.
 *
 * <p>Not a test (no {@code Tests} suffix): run by hand, one experiment per argument, results appended to a log:
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat cp.txt) \
 *   uk.hallmonitor.classification.internal.OffensiveExperiments ../shared/datasets cv.log baseline l2=0.3 ...
 * </pre>
 */
public final class OffensiveExperiments {

    private final List<LabelledText> olid;
    private final List<LabelledText> corpus;
    private final List<LabelledText> heldOutOlid;
    private final Path datasets;
    private final PrintStream log;
    private final int folds;
    private final int[] foldOf;
    private final boolean[] gold;
    private final Map<String, NormalisedText> normalised = new HashMap<>();
    private final Map<String, Map<String, String[]>> featureCache = new HashMap<>();
    private final TextNormaliser normaliser = new TextNormaliser(Lexicon.base());

    OffensiveExperiments(Path datasets, Path corpusFile, PrintStream log, int folds) {
        this.datasets = datasets;
        this.log = log;
        this.folds = folds;
        List<LabelledText> all = Datasets.olid(datasets);
        this.olid = all.stream().filter(r -> !r.heldOut()).toList();
        this.heldOutOlid = all.stream().filter(LabelledText::heldOut).toList();
        this.corpus = Datasets.corpus(corpusFile, "corpus").stream().filter(r -> !r.heldOut()).toList();
        int n = olid.size();
        gold = new boolean[n];
        foldOf = new int[n];
        // stratified folds: shuffle each class with a fixed seed and deal them out in turn
        List<Integer> off = new ArrayList<>();
        List<Integer> not = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gold[i] = olid.get(i).offensive().equals("OFF");
            (gold[i] ? off : not).add(i);
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
    }

    /** One model of an ensemble: a feature view, a trainer and the extra data it sees. */
    record Component(String name, String view, String algorithm, double l1, double l2, int cutoff, int iterations,
                     String extra) {

        static Component maxent(String view, double l2, int cutoff) {
            return new Component("me[" + view + ",l2=" + l2 + ",c=" + cutoff + "]", view, "MAXENT_QN", 0, l2, cutoff,
                    100, "");
        }

        static Component bayes(String view, int cutoff) {
            return new Component("nb[" + view + ",c=" + cutoff + "]", view, "NAIVEBAYES", 0, 0, cutoff, 1, "");
        }

        Component with(String extraData) {
            return new Component(name + "+" + extraData, view, algorithm, l1, l2, cutoff, iterations, extraData);
        }

        Component l1(double cost) {
            return new Component(name + "+l1=" + cost, view, algorithm, cost, l2, cutoff, iterations, extra);
        }

        Component iterations(int count) {
            return new Component(name + "+it=" + count, view, algorithm, l1, l2, cutoff, count, extra);
        }
    }

    private final Map<String, double[]> oofCache = new HashMap<>();

    /** Out-of-fold P(OFF) of one component for every OLID row. */
    double[] outOfFold(Component c) {
        double[] cached = oofCache.get(c.name());
        if (cached != null) {
            return cached;
        }
        long start = System.nanoTime();
        double[] scores = new double[olid.size()];
        List<Event> base = new ArrayList<>();
        base.addAll(events(repeat(corpus, Integer.getInteger("corpusTimes", 2)), c.view()));
        base.addAll(extraEvents(c.extra(), c.view()));
        List<Event> olidEvents = events(olid, c.view());
        long features = 0;
        for (Event e : olidEvents) {
            features += e.getContext().length;
        }
        for (int fold = 0; fold < folds; fold++) {
            List<Event> train = new ArrayList<>(base);
            for (int i = 0; i < olid.size(); i++) {
                if (foldOf[i] != fold) {
                    train.add(olidEvents.get(i));
                }
            }
            MaxentModel model = train(c, train);
            int off = model.getIndex("OFF");
            for (int i = 0; i < olid.size(); i++) {
                if (foldOf[i] == fold) {
                    scores[i] = model.eval(olidEvents.get(i).getContext())[off];
                }
            }
        }
        log(String.format(Locale.ROOT,
                "%-60s alone: macroF1@0.5 %.4f  cross-fitted threshold %.4f  (%.1f features/text, %.0f s)",
                c.name(), macroF1(scores, 0.5), crossFitted(new double[][] {scores}, false),
                features / (double) olid.size(), (System.nanoTime() - start) / 1e9));
        oofCache.put(c.name(), scores);
        return scores;
    }

    static MaxentModel train(Component c, List<Event> events) {
        TrainingParameters p = new TrainingParameters();
        p.put(TrainingParameters.ALGORITHM_PARAM, c.algorithm());
        p.put(TrainingParameters.ITERATIONS_PARAM, c.iterations());
        p.put(TrainingParameters.CUTOFF_PARAM, c.cutoff());
        p.put("DataIndexer", "OnePass");
        p.put("PrintMessages", false);
        if (c.algorithm().equals("MAXENT_QN")) {
            p.put("L1Cost", c.l1());
            p.put("L2Cost", c.l2());
        }
        try {
            EventTrainer trainer = TrainerFactory.getEventTrainer(p, new HashMap<>());
            return trainer.train(ObjectStreamUtils.createObjectStream(events));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Extra training data: {@code davidson=1}, {@code hatexplain=0.5} ... comma-separated, weight = repeat/sample. */
    private List<Event> extraEvents(String spec, String view) {
        List<Event> out = new ArrayList<>();
        if (spec.isEmpty()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String[] nameWeight = part.split("=");
            double weight = nameWeight.length > 1 ? Double.parseDouble(nameWeight[1]) : 1.0;
            List<LabelledText> rows = switch (nameWeight[0]) {
                case "davidson" -> Datasets.davidson(datasets);
                case "davidson-hate" -> Datasets.davidson(datasets).stream()
                        .filter(r -> !r.category().equals("ABUSE")).toList();
                case "hatexplain" -> Datasets.hatexplain(datasets);
                case "kaggle" -> Datasets.kaggle(datasets).stream()
                        .map(r -> new LabelledText(r.text(), r.category().equals("NONE") ? "NOT" : "OFF", null, null,
                                "kaggle"))
                        .toList();
                case "jigsaw" -> Datasets.jigsaw(datasets).stream()
                        .map(r -> new LabelledText(r.text(), r.category().equals("NONE") ? "NOT" : "OFF", null, null,
                                "jigsaw"))
                        .toList();
                default -> throw new IllegalArgumentException(nameWeight[0]);
            };
            rows = rows.stream().filter(r -> !r.heldOut() && r.offensive() != null).toList();
            List<LabelledText> weighted = new ArrayList<>();
            Random random = new Random(11);
            List<LabelledText> shuffled = new ArrayList<>(rows);
            Collections.shuffle(shuffled, random);
            int whole = (int) Math.floor(weight);
            for (int k = 0; k < whole; k++) {
                weighted.addAll(rows);
            }
            weighted.addAll(shuffled.subList(0, (int) Math.round((weight - whole) * rows.size())));
            out.addAll(events(weighted, view));
        }
        return out;
    }

    private List<Event> events(List<LabelledText> rows, String view) {
        Map<String, String[]> cache = featureCache.computeIfAbsent(view, v -> new HashMap<>());
        List<Event> out = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            String[] features = cache.computeIfAbsent(row.text(), t -> ExperimentViews.features(t,
                    normalised.computeIfAbsent(t, normaliser::normalise), view));
            out.add(new Event(row.offensive(), features));
        }
        return out;
    }

    private static List<LabelledText> repeat(List<LabelledText> rows, int times) {
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(rows);
        }
        return out;
    }

    /** Ensemble of components: stacker (logistic regression on logits) and threshold cross-fitted over the folds. */
    void ensemble(String label, List<Component> components) {
        double[][] scores = new double[components.size()][];
        for (int k = 0; k < components.size(); k++) {
            scores[k] = outOfFold(components.get(k));
        }
        double stacked = crossFitted(scores, true);
        double[] weights = Stacker.fit(scores, gold, all());
        double t = Ensemble.bestThreshold(Stacker.apply(weights, scores, all()), gold, all());
        log(String.format(Locale.ROOT,
                "ENSEMBLE %-40s cross-fitted stacker+threshold macroF1 %.4f  full-fit weights %s t=%.2f",
                label, stacked, Arrays.toString(round(weights)), t));
    }

    private boolean[] all() {
        boolean[] use = new boolean[olid.size()];
        Arrays.fill(use, true);
        return use;
    }

    /** For each fold: fit on the other folds' OOF scores, predict this fold; macro-F1 over all rows. */
    double crossFitted(double[][] scores, boolean stack) {
        Metrics m = new Metrics();
        for (int fold = 0; fold < folds; fold++) {
            boolean[] fit = new boolean[olid.size()];
            for (int i = 0; i < fit.length; i++) {
                fit[i] = foldOf[i] != fold;
            }
            double[] weights = stack ? Stacker.fit(scores, gold, fit) : Stacker.identity(scores.length);
            double[] combined = Stacker.apply(weights, scores, null);
            double t = Ensemble.bestThreshold(combined, gold, fit);
            for (int i = 0; i < fit.length; i++) {
                if (!fit[i]) {
                    m.add(combined[i] >= t, gold[i]);
                }
            }
        }
        return m.macroF1();
    }

    double macroF1(double[] scores, double threshold) {
        Metrics m = new Metrics();
        for (int i = 0; i < scores.length; i++) {
            m.add(scores[i] >= threshold, gold[i]);
        }
        return m.macroF1();
    }

    private static double[] round(double[] w) {
        double[] r = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            r[i] = Math.round(w[i] * 100) / 100.0;
        }
        return r;
    }

    void log(String line) {
        System.out.println(line);
        log.println(line);
        log.flush();
    }

    /** Fits and applies the stacker: logistic regression on the components' clipped logits, plus a bias. */
    static final class Stacker {

        static double[] identity(int components) {
            double[] w = new double[components + 1];
            Arrays.fill(w, 0, components, 1.0 / components);
            return w;
        }

        /** Weights w[0..k-1] and bias w[k]: the shipped {@link Ensemble}'s logistic regression on clipped logits. */
        static double[] fit(double[][] scores, boolean[] gold, boolean[] use) {
            int k = scores.length;
            double[][] x = new double[gold.length][k + 1];
            for (int i = 0; i < gold.length; i++) {
                for (int j = 0; j < k; j++) {
                    x[i][j] = Ensemble.logit(scores[j][i]);
                }
                x[i][k] = 1;
            }
            return Ensemble.logisticRegression(x, gold, use, k);
        }

        static double[] apply(double[] w, double[][] scores, boolean[] unused) {
            int k = scores.length;
            double[] out = new double[scores[0].length];
            for (int i = 0; i < out.length; i++) {
                double z = w[k];
                for (int j = 0; j < k; j++) {
                    z += w[j] * Ensemble.logit(scores[j][i]);
                }
                out[i] = 1 / (1 + Math.exp(-z));
            }
            return out;
        }
    }

    public static void main(String[] args) throws IOException {
        ModelBundle.registerFeatureGenerators();
        Path datasets = Path.of(args[0]);
        Path logFile = Path.of(args[1]);
        int folds = Integer.parseInt(System.getProperty("folds", "5"));
        try (PrintStream log = new PrintStream(Files.newOutputStream(logFile, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), true, "UTF-8")) {
            OffensiveExperiments x = new OffensiveExperiments(datasets,
                    Path.of(System.getProperty("corpus", "nlp-models/corpus/train/train-other.tsv")), log, folds);
            x.log("# " + java.time.Instant.now() + " folds=" + folds + " olid=" + x.olid.size() + " args="
                    + String.join(" ", Arrays.asList(args).subList(2, args.length)));
            for (String experiment : Arrays.asList(args).subList(2, args.length)) {
                x.run(experiment);
            }
        }
    }

    /**
     * One experiment: {@code me:VIEW:L2:CUTOFF[:EXTRA]}, {@code nb:VIEW:CUTOFF[:EXTRA]}, or
     * {@code ens:LABEL=SPEC+SPEC...} for a stacked ensemble of components given in the same syntax.
     */
    void run(String experiment) {
        if (experiment.startsWith("ens:")) {
            String[] labelSpec = experiment.substring(4).split("=", 2);
            List<Component> components = new ArrayList<>();
            for (String spec : labelSpec[1].split("\\+")) {
                components.add(component(spec));
            }
            ensemble(labelSpec[0], components);
        } else {
            outOfFold(component(experiment));
        }
    }

    static Component component(String spec) {
        String[] f = spec.split(":");
        Component c = switch (f[0]) {
            case "me" -> Component.maxent(f[1], Double.parseDouble(f[2]), Integer.parseInt(f[3]));
            case "nb" -> Component.bayes(f[1], Integer.parseInt(f[2]));
            default -> throw new IllegalArgumentException(spec);
        };
        int extraAt = f[0].equals("me") ? 4 : 3;
        for (int i = extraAt; i < f.length; i++) {
            if (f[i].startsWith("l1=")) {
                c = c.l1(Double.parseDouble(f[i].substring(3)));
            } else if (f[i].startsWith("it=")) {
                c = c.iterations(Integer.parseInt(f[i].substring(3)));
            } else {
                c = c.with(f[i].replace('/', ','));
            }
        }
        return c;
    }
}
