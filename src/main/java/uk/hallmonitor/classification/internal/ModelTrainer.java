package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
     * @param stack        stack the n-gram models with the sentence encoder (needs folds ≥ 2)
     * @param embeddingCache where sentence vectors of training texts are kept between runs (null: nowhere)
     * @param olidStackRows how many OLID tweets the stacked offensive decision is cross-validated and fitted on
     *                     (0: all); the rest only train the n-gram model
     */
    public record Options(Path datasets, List<Path> corpus, boolean licensedOnly, int folds, int iterations,
                          int cutoff, String versionTag, String maxent, List<Path> feedback, boolean stack,
                          Path embeddingCache, int olidStackRows) {

        public Options {
            feedback = feedback == null ? List.of() : List.copyOf(feedback);
        }

        /** N-gram models only (no sentence encoder, no stacked heads). */
        public Options(Path datasets, List<Path> corpus, boolean licensedOnly, int folds, int iterations, int cutoff,
                       String versionTag, String maxent, List<Path> feedback) {
            this(datasets, corpus, licensedOnly, folds, iterations, cutoff, versionTag, maxent, feedback, false, null,
                    0);
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
    private java.util.Set<String> evaluateOnly = java.util.Set.of();
    private Path outOfFoldDump;
    private double dslBudget = StackTrainer.DSL_BUDGET;
    private double offensiveBudget = StackTrainer.OFFENSIVE_BUDGET;

    public ModelTrainer(PrintStream log) {
        this.log = log;
    }

    /**
     * Corpus texts that the stacked build scores in its cross-validation but never trains on (neither in a fold nor
     * in the shipped models): two builds run with the same corpus, one with some files evaluate-only, are compared
     * on the same rows, folds and threshold rules (train {@code --evaluate-only FILE,...}).
     */
    public ModelTrainer evaluateOnly(java.util.Collection<String> texts) {
        this.evaluateOnly = java.util.Set.copyOf(texts);
        return this;
    }

    /**
     * Where the stacked build writes its out-of-fold evidence ({@code offensive-oof.tsv}, {@code safeguarding-oof.tsv}):
     * per training row its fold, labels and out-of-fold probabilities, for studying misses and rule changes without
     * retraining ({@code SafeguardingRuleExperiments}). Null: nowhere.
     */
    public ModelTrainer dumpOutOfFold(Path directory) {
        this.outOfFoldDump = directory;
        return this;
    }

    /**
     * The share of the corpus's fair complaints and praise the safeguarding heads + rules may send to the DSL
     * out-of-fold when their thresholds are chosen (default {@link StackTrainer#DSL_BUDGET}); between 0 and 1.
     */
    public ModelTrainer dslBudget(double budget) {
        this.dslBudget = share("the DSL budget", budget);
        return this;
    }

    /**
     * The share of the corpus's fair complaints and praise the offensive decision may flag out-of-fold when its
     * threshold is chosen (default {@link StackTrainer#OFFENSIVE_BUDGET}); between 0 and 1.
     */
    public ModelTrainer offensiveBudget(double budget) {
        this.offensiveBudget = share("the offensive budget", budget);
        return this;
    }

    private static double share(String what, double budget) {
        if (!(budget >= 0 && budget < 1)) {
            throw new IllegalArgumentException(what + " is a share in [0, 1): " + budget);
        }
        return budget;
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
        boolean stacked = options.stack() && options.folds() > 1;
        if (d != null && stacked) {
            // the stacked build learns categories from the school corpus alone; OLID trains and measures the
            // offensive decision (the licensed-only build uses Davidson and HateXplain there instead)
            if (options.licensedOnly()) {
                sources.put("davidson", Datasets.davidson(d));
                sources.put("hatexplain", Datasets.hatexplain(d));
            } else {
                sources.put("olid", Datasets.olid(d));
            }
        } else if (d != null) {
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

        if (options.stack() && options.folds() > 1) {
            return trainStacked(options, sources, train, feedback.size());
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

    /** The categories whose heads are set for recall: they go to the designated safeguarding lead. */
    static final java.util.Set<String> SAFEGUARDING = java.util.Set.of("THREAT", "SELF_HARM", "SEXUAL", "EXTREMISM",
            "DISCLOSURE");
    /** Every category a head may be trained for (PERSONAL_DATA is also found by rules). */
    static final List<String> CATEGORIES = List.of("ABUSE", "BULLYING", "THREAT", "HATE", "SEXUAL", "PROFANITY", "SPAM",
            "PERSONAL_DATA", "EXTREMISM", "SELF_HARM", "DISCLOSURE");
    static final List<String> INTENTS = List.of("QUESTION", "COMPLAINT", "PRAISE", "OTHER");
    /** A category with fewer training examples than this gets no head (rules and the n-gram model only). */
    static final int MIN_POSITIVES = 8;

    /**
     * The stacked build. The offensive decision: a maxent on OLID + the corpus (×2) + Davidson, trained K times on
     * K−1 folds of OLID ∪ corpus to give every row an out-of-fold n-gram score, then a logistic head over the
     * sentence vector and that score. Categories and intent: maxents on the corpus (every label of a multi-label
     * row), out-of-fold the same way, then one head per category and per intent. Thresholds and penalties by
     * cross-validation ({@link StackTrainer}); the shipped n-gram models are refitted on all rows.
     */
    private Result trainStacked(Options options, Map<String, List<LabelledText>> sources,
                                Map<String, List<LabelledText>> train, int feedbackCount) {
        int folds = options.folds();
        List<String> report = new ArrayList<>();
        // train --encoder e5|minilm (default e5-small); each encoder keeps its own cache file
        SentenceEncoder encoder = SentenceEncoder.shared(
                SentenceEncoder.Kind.of(System.getProperty("hallmonitor.train.encoder")));
        Path cacheFile = options.embeddingCache();
        if (cacheFile != null && encoder.kind() != SentenceEncoder.Kind.E5_SMALL) {
            cacheFile = cacheFile.resolveSibling(encoder.kind().name().toLowerCase(Locale.ROOT) + "-"
                    + cacheFile.getFileName());
        }
        EmbeddingCache cache = new EmbeddingCache(cacheFile, encoder.name(), log);
        List<LabelledText> corpus = train.get("corpus");
        boolean olid = train.containsKey("olid");
        // Davidson is left out of the stacked build's n-gram model: it doubled the cost of each of the K + 1
        // trainings, and its +0.01 on OLID folds for the n-gram model alone is what the sentence vector adds anyway
        List<LabelledText> extra = new ArrayList<>();
        if (!olid) {
            extra.addAll(train.getOrDefault("davidson", List.of()));
            extra.addAll(train.getOrDefault("hatexplain", List.of()));
        }

        // ---- offensive: OLID ∪ corpus, stratified folds. With --olid-stack-rows N only the first N OLID tweets (file
        // order) are used at all (a cheaper build: embedding and K + 1 maxent trainings scale with the rows)
        List<LabelledText> offRows = new ArrayList<>();
        List<LabelledText> olidRest = List.of();
        if (olid) {
            List<LabelledText> all = train.get("olid");
            int take = options.olidStackRows() > 0 ? Math.min(options.olidStackRows(), all.size()) : all.size();
            offRows.addAll(all.subList(0, take));
            olidRest = all.subList(take, all.size());
        }
        offRows.addAll(corpus);
        int n = offRows.size();
        int[] offFold = stratifiedFolds(offRows, folds,
                r -> r.source() + ":" + r.offensive());
        boolean[] offGold = new boolean[n];
        for (int i = 0; i < n; i++) {
            offGold[i] = "OFF".equals(offRows.get(i).offensive());
        }
        double[] ngramOff = new double[n];
        boolean[] offTrainable = new boolean[n];
        int offEvaluateOnly = 0;
        for (int i = 0; i < n; i++) {
            offTrainable[i] = !evaluateOnly.contains(offRows.get(i).text());
            offEvaluateOnly += offTrainable[i] ? 0 : 1;
        }
        if (offEvaluateOnly > 0) {
            log.printf("%d corpus rows are scored in the cross-validation but never trained on (--evaluate-only)%n",
                    offEvaluateOnly);
        }
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> fit = new ArrayList<>(extra);
            for (int i = 0; i < n; i++) {
                if (offFold[i] != fold && offTrainable[i]) {
                    fit.add(offRows.get(i));
                    if (!offRows.get(i).source().equals("olid")) {
                        fit.add(offRows.get(i)); // the corpus counts twice, as in the shipped model
                    }
                }
            }
            log.printf("offensive fold %d/%d: n-gram maxent on %d%n", fold + 1, folds, fit.size());
            DocumentCategorizerME m = new DocumentCategorizerME(offensiveModel(fit, options.maxent(), options));
            for (int i = 0; i < n; i++) {
                if (offFold[i] == fold) {
                    String text = offRows.get(i).text();
                    ngramOff[i] = offensive(m, tokens(text), Map.of(OffensiveFeatures.RAW, cleaned(text)));
                }
            }
        }
        List<LabelledText> mainSet = new ArrayList<>(extra);
        mainSet.addAll(where(offRows, r -> !evaluateOnly.contains(r.text())));
        mainSet.addAll(where(corpus, r -> !evaluateOnly.contains(r.text())));
        log.println("training the offensive maxent on " + mainSet.size());
        DoccatModel maxent = offensiveModel(mainSet, options.maxent(), options);
        float[][] offVectors = vectors(offRows, cache, encoder);
        float[][] offX = new float[n][];
        for (int i = 0; i < n; i++) {
            offX[i] = StackedHeads.row(offVectors[i], ngramOff[i]);
        }
        log.println("fitting the offensive head");
        StackTrainer.Fitted offF1 = StackTrainer.fit(offX, offGold, offFold, folds, StackTrainer.Goal.MACRO_F1,
                offTrainable);
        // the threshold: macro-F1, raised until at most offensiveBudget of the corpus's fair complaints and praise
        // are flagged out-of-fold; cross-fitted the same way (each fold judged by a threshold chosen without it)
        boolean[] offFair = new boolean[n];
        for (int i = 0; i < n; i++) {
            offFair[i] = !offRows.get(i).source().equals("olid") && fair(offRows.get(i));
        }
        double offThreshold = StackTrainer.budgetOffensive(offF1.outOfFold(), offGold, offFair, null,
                offensiveBudget);
        boolean[] offCrossFitted = new boolean[n];
        for (int fold = 0; fold < folds; fold++) {
            boolean[] others = new boolean[n];
            for (int i = 0; i < n; i++) {
                others[i] = offFold[i] != fold;
            }
            double t = StackTrainer.budgetOffensive(offF1.outOfFold(), offGold, offFair, others,
                    offensiveBudget);
            for (int i = 0; i < n; i++) {
                if (!others[i]) {
                    offCrossFitted[i] = offF1.outOfFold()[i] >= t;
                }
            }
        }
        StackTrainer.Fitted off = new StackTrainer.Fitted(new StackedHeads.Head(offF1.head().weights(), offThreshold,
                offF1.head().lambda()), offF1.outOfFold(), offCrossFitted);
        if (outOfFoldDump != null) {
            List<String> lines = new ArrayList<>();
            lines.add("source\tfold\tfair\toffensive\tngram\tstacked\tflagged\ttext");
            for (int i = 0; i < n; i++) {
                lines.add(String.format(Locale.ROOT, "%s\t%d\t%d\t%s\t%.5f\t%.5f\t%d\t%s", offRows.get(i).source(),
                        offFold[i], offFair[i] ? 1 : 0, offRows.get(i).offensive(), ngramOff[i],
                        offF1.outOfFold()[i], offCrossFitted[i] ? 1 : 0, Datasets.escapeLine(offRows.get(i).text())));
            }
            try {
                Files.createDirectories(outOfFoldDump);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            write(outOfFoldDump.resolve("offensive-oof.tsv"), lines);
        }
        Map<String, StackedHeads.Head> heads = new LinkedHashMap<>();
        heads.put(Ensemble.OFFENSIVE, off.head());
        report.add(String.format(Locale.ROOT, "%d-fold, stratified by source and label, seed 42, over %d rows (%s "
                + "corpus); the n-gram maxent of each fold also saw %d extra rows (%s)", folds, n,
                olid ? (n - corpus.size()) + " OLID + " + corpus.size() : Integer.toString(corpus.size()),
                extra.size(), olid ? (olidRest.isEmpty() ? "none" : "none; " + olidRest.size()
                        + " further OLID training tweets left out by --olid-stack-rows") : "Davidson, HateXplain"));
        for (String source : olid ? List.of("olid", "corpus") : List.of("corpus")) {
            Metrics ngram = new Metrics();
            Metrics stacked = new Metrics();
            // the n-gram model alone, threshold cross-fitted the same way
            boolean[] sourceRows = new boolean[n];
            for (int i = 0; i < n; i++) {
                sourceRows[i] = offRows.get(i).source().equals(source)
                        || (source.equals("corpus") && !offRows.get(i).source().equals("olid"));
            }
            for (int fold = 0; fold < folds; fold++) {
                boolean[] others = new boolean[n];
                for (int i = 0; i < n; i++) {
                    others[i] = offFold[i] != fold;
                }
                double t = StackTrainer.threshold(ngramOff, offGold, others, StackTrainer.Goal.MACRO_F1);
                for (int i = 0; i < n; i++) {
                    if (!others[i] && sourceRows[i]) {
                        ngram.add(ngramOff[i] >= t, offGold[i]);
                        stacked.add(off.crossFitted()[i], offGold[i]);
                    }
                }
            }
            // the same head with a threshold chosen (cross-fitted) for macro-F1 on this source's rows alone: what the
            // method reaches on OLID, apart from the shipped threshold's false-alarm budget for school posts
            Metrics own = new Metrics();
            for (int fold = 0; fold < folds; fold++) {
                boolean[] others = new boolean[n];
                for (int i = 0; i < n; i++) {
                    others[i] = offFold[i] != fold && sourceRows[i];
                }
                double t = StackTrainer.threshold(offF1.outOfFold(), offGold, others, StackTrainer.Goal.MACRO_F1);
                for (int i = 0; i < n; i++) {
                    if (offFold[i] == fold && sourceRows[i]) {
                        own.add(offF1.outOfFold()[i] >= t, offGold[i]);
                    }
                }
            }
            report.add(String.format(Locale.ROOT, "offensive on %s rows: n-gram maxent alone macro-F1 %.4f; "
                    + "**stacked (sentence vector + n-gram score) macro-F1 %.4f** (OFF %s); the stacked head with "
                    + "a threshold for macro-F1 on %s rows alone (cross-fitted): **%.4f**", source,
                    ngram.macroF1(), stacked.macroF1(), stacked, source, own.macroF1()));
        }
        int fairOff = 0;
        int fairOffFlagged = 0;
        for (int i = 0; i < n; i++) {
            if (offFair[i]) {
                fairOff++;
                fairOffFlagged += off.crossFitted()[i] ? 1 : 0;
            }
        }
        report.add(String.format(Locale.ROOT, "offensive head: L2 %.0f, threshold %.2f (macro-F1 on all "
                + "out-of-fold rows gives %.2f; raised, if needed, so that at most %.1f%% of the corpus's fair "
                + "complaints and praise are flagged out-of-fold); cross-fitted, fair complaints and praise flagged "
                + "%d / %d (%.1f%%)", off.head().lambda(), off.head().threshold(), offF1.head().threshold(),
                100 * offensiveBudget, fairOffFlagged, fairOff, 100.0 * fairOffFlagged / Math.max(1,
                        fairOff)));

        // ---- categories and intent: the corpus
        List<LabelledText> catRows = corpus;
        int m = catRows.size();
        int[] catFold = stratifiedFolds(catRows, folds, LabelledText::category);
        boolean[] catTrainable = new boolean[m];
        for (int i = 0; i < m; i++) {
            catTrainable[i] = !evaluateOnly.contains(catRows.get(i).text());
        }
        List<LabelledText> catFit = where(catRows, r -> !evaluateOnly.contains(r.text()));
        List<Map<String, Double>> ngramCat = new ArrayList<>();
        List<Map<String, Double>> ngramIntent = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            ngramCat.add(new HashMap<>());
            ngramIntent.add(new HashMap<>());
        }
        for (int fold = 0; fold < folds; fold++) {
            List<LabelledText> fit = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (catFold[i] != fold && catTrainable[i]) {
                    fit.add(catRows.get(i));
                }
            }
            log.printf("category fold %d/%d: n-gram maxents on %d%n", fold + 1, folds, fit.size());
            DocumentCategorizerME c = new DocumentCategorizerME(doccat(categorySamples(fit), options.maxent(),
                    options));
            DocumentCategorizerME t = new DocumentCategorizerME(doccat(samples(fit.stream()
                    .filter(r -> r.intent() != null).toList(), LabelledText::intent), options.maxent(), options));
            for (int i = 0; i < m; i++) {
                if (catFold[i] == fold) {
                    String[] tokens = tokens(catRows.get(i).text());
                    probabilities(c, tokens, ngramCat.get(i));
                    probabilities(t, tokens, ngramIntent.get(i));
                }
            }
        }
        log.println("training the category and intent maxents on " + catFit.size());
        DoccatModel category = doccat(categorySamples(catFit), options.maxent(), options);
        DoccatModel intent = doccat(samples(catFit.stream().filter(r -> r.intent() != null).toList(),
                LabelledText::intent), options.maxent(), options);
        float[][] catVectors = vectors(catRows, cache, encoder);
        report.add("");
        report.add(String.format(Locale.ROOT, "Categories (%d-fold on the corpus, %d rows; thresholds cross-fitted; "
                + "safeguarding heads chosen jointly for the highest recall while heads + rules send at most %.1f%% "
                + "of the fair complaints and praise to the DSL out-of-fold, the others for F1):", folds, m,
                100 * dslBudget));
        report.add("");
        report.add("| category | support | precision | recall | F1 | threshold | L2 |");
        report.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            all.add(i);
        }
        Map<String, StackTrainer.Fitted> guardFits = new LinkedHashMap<>();
        Map<String, boolean[]> guardGold = new LinkedHashMap<>();
        for (String name : CATEGORIES) {
            boolean[] gold = new boolean[m];
            int positives = 0;
            float[][] x = new float[m][];
            for (int i = 0; i < m; i++) {
                gold[i] = catRows.get(i).categories().contains(name);
                positives += gold[i] ? 1 : 0;
                x[i] = StackedHeads.row(catVectors[i], ngramCat.get(i).getOrDefault(name, 0.0));
            }
            if (positives < MIN_POSITIVES) {
                report.add("| " + name + " | " + positives + " | – | – | – | no head (too few examples) | |");
                continue;
            }
            log.println("fitting the " + name + " head");
            StackTrainer.Fitted f = StackTrainer.fit(x, gold, catFold, folds,
                    SAFEGUARDING.contains(name) ? StackTrainer.Goal.RECALL : StackTrainer.Goal.F1, catTrainable);
            heads.put(name, f.head());
            if (SAFEGUARDING.contains(name)) {
                guardFits.put(name, f);
                guardGold.put(name, gold);
                report.add("@" + name);
            } else {
                report.add(StackTrainer.line(name, f, gold, all));
            }
        }
        budgetSafeguarding(catRows, catFold, folds, guardFits, guardGold, heads, report, all);
        List<Integer> withIntent = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (catRows.get(i).intent() != null) {
                withIntent.add(i);
            }
        }
        if (!withIntent.isEmpty()) {
            int k = withIntent.size();
            int[] fold = new int[k];
            boolean[] intentTrainable = new boolean[k];
            for (int r = 0; r < k; r++) {
                intentTrainable[r] = catTrainable[withIntent.get(r)];
            }
            float[][][] xs = new float[INTENTS.size()][k][];
            double[][] oof = new double[INTENTS.size()][];
            for (int q = 0; q < INTENTS.size(); q++) {
                boolean[] gold = new boolean[k];
                for (int r = 0; r < k; r++) {
                    int i = withIntent.get(r);
                    fold[r] = catFold[i];
                    gold[r] = INTENTS.get(q).equals(catRows.get(i).intent());
                    xs[q][r] = StackedHeads.row(catVectors[i], ngramIntent.get(i).getOrDefault(INTENTS.get(q), 0.0));
                }
                log.println("fitting the " + INTENTS.get(q) + " intent head");
                StackTrainer.Fitted f = StackTrainer.fit(xs[q], gold, fold, folds, StackTrainer.Goal.NONE,
                        intentTrainable);
                heads.put("intent:" + INTENTS.get(q), f.head());
                oof[q] = f.outOfFold();
            }
            int right = 0;
            int rightNgram = 0;
            for (int r = 0; r < k; r++) {
                int best = 0;
                for (int q = 1; q < INTENTS.size(); q++) {
                    if (oof[q][r] > oof[best][r]) {
                        best = q;
                    }
                }
                String gold = catRows.get(withIntent.get(r)).intent();
                right += INTENTS.get(best).equals(gold) ? 1 : 0;
                Map<String, Double> p = ngramIntent.get(withIntent.get(r));
                String bestNgram = p.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                        .orElse("OTHER");
                rightNgram += bestNgram.equals(gold) ? 1 : 0;
            }
            report.add("");
            report.add(String.format(Locale.ROOT, "Intent (%d rows, out-of-fold): n-gram maxent accuracy %.3f, "
                    + "**stacked accuracy %.3f**", k, rightNgram / (double) k, right / (double) k));
        }
        report.forEach(log::println);

        String version = "hm-" + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm", Locale.ROOT)
                .format(LocalDateTime.now(ZoneOffset.UTC)) + "-" + options.versionTag();
        ModelBundle bundle = new ModelBundle(maxent, null, null, category, intent,
                new Ensemble(1.0, 0.0, 0.0, 0.0, off.head().threshold()),
                new StackedHeads(encoder.name(), heads), version);
        Properties trainedOn = new Properties();
        trainedOn.setProperty("trained.sources", String.join(",", sources.keySet()));
        trainedOn.setProperty("trained.feedback", Integer.toString(feedbackCount));
        trainedOn.setProperty("trained.licensedOnly", Boolean.toString(options.licensedOnly()));
        trainedOn.setProperty("trained.iterations", Integer.toString(options.iterations()));
        trainedOn.setProperty("trained.cutoff", Integer.toString(options.cutoff()));
        trainedOn.setProperty("trained.maxent", options.maxent());
        trainedOn.setProperty("trained.folds", Integer.toString(folds));
        trainedOn.setProperty("trained.l2", Double.toString(l2()));
        trainedOn.setProperty("trained.offensive.l2", Double.toString(MAIN_L2));
        trainedOn.setProperty("trained.offensive.cutoff", Integer.toString(OFFENSIVE_CUTOFF));
        trainedOn.setProperty("trained.encoder", encoder.name());
        trainedOn.setProperty("trained.stack.heads", String.join(",", heads.keySet()));
        trainedOn.setProperty("trained.stack.olidRows", Integer.toString(n - corpus.size()));
        trainedOn.setProperty("trained.stack.dslBudget", Double.toString(dslBudget));
        trainedOn.setProperty("trained.stack.offensiveBudget", Double.toString(offensiveBudget));
        Map<String, List<LabelledText>> heldOut = new LinkedHashMap<>();
        boolean sampled = !olidRest.isEmpty();
        sources.forEach((name, rows) -> {
            if (!name.equals("olid") || !sampled) {
                heldOut.put(name, rows.stream().filter(LabelledText::heldOut).toList());
            }
        });
        return new Result(bundle, trainedOn, report, heldOut);
    }

    private float[][] vectors(List<LabelledText> rows, EmbeddingCache cache, SentenceEncoder encoder) {
        List<String> texts = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            texts.add(TextNormaliser.encoderText(normalised(row.text())));
        }
        log.println("sentence vectors for " + texts.size() + " texts");
        return cache.vectors(texts, encoder);
    }

    private static void probabilities(DocumentCategorizerME categorizer, String[] tokens, Map<String, Double> out) {
        double[] p = categorizer.categorize(tokens);
        for (int k = 0; k < p.length; k++) {
            out.put(categorizer.getCategory(k), p[k]);
        }
    }

    /** Every label of a multi-label row is one sample; a row without a category is a NONE sample. */
    private List<DocumentSample> categorySamples(List<LabelledText> rows) {
        List<DocumentSample> out = new ArrayList<>();
        for (LabelledText row : rows) {
            String[] tokens = tokens(row.text());
            if (row.categories().isEmpty()) {
                out.add(new DocumentSample("NONE", tokens));
            }
            for (String c : row.categories()) {
                out.add(new DocumentSample(c, tokens));
            }
        }
        return out;
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
        return stratifiedFolds(rows, folds, r -> r.offensive().equals("OFF") ? "OFF" : "NOT");
    }

    /** Folds dealt out per stratum after a seeded shuffle. */
    static int[] stratifiedFolds(List<LabelledText> rows, int folds,
                                 java.util.function.Function<LabelledText, String> key) {
        int[] foldOf = new int[rows.size()];
        Map<String, List<Integer>> strata = new java.util.TreeMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String k = key.apply(rows.get(i));
            strata.computeIfAbsent(k == null ? "" : k, x -> new ArrayList<>()).add(i);
        }
        Random random = new Random(42);
        int next = 0;
        for (List<Integer> stratum : strata.values()) {
            Collections.shuffle(stratum, random);
            for (Integer i : stratum) {
                foldOf[i] = next++ % folds;
            }
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

    private List<DocumentSample> samples(List<LabelledText> rows,
                                         java.util.function.Function<LabelledText, String> label) {
        List<DocumentSample> out = new ArrayList<>(rows.size());
        for (LabelledText row : rows) {
            String l = label.apply(row);
            if (l != null) {
                out.add(new DocumentSample(l, tokens(row.text())));
            }
        }
        return out;
    }

    /** A fair complaint or praise: not offensive, no category, intent COMPLAINT or PRAISE (a hard negative). */
    static boolean fair(LabelledText row) {
        return "NOT".equals(row.offensive()) && row.categories().isEmpty()
                && ("COMPLAINT".equals(row.intent()) || "PRAISE".equals(row.intent()));
    }

    /**
     * Replaces the safeguarding heads' thresholds by ones chosen jointly under the DSL false-alarm budget
     * ({@link StackTrainer#budgetThresholds}), with the phrase rules' alarms counted in; the report's
     * {@code @NAME} placeholders become cross-fitted lines (each fold judged by thresholds chosen without it).
     */
    private void budgetSafeguarding(List<LabelledText> rows, int[] foldOf, int folds,
                                    Map<String, StackTrainer.Fitted> fits, Map<String, boolean[]> golds,
                                    Map<String, StackedHeads.Head> heads, List<String> report, List<Integer> all) {
        if (fits.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(fits.keySet());
        int m = rows.size();
        int h = names.size();
        double[][] p = new double[h][];
        boolean[][] gold = new boolean[h][];
        boolean[][] rule = new boolean[h][m];
        boolean[] fair = new boolean[m];
        for (int i = 0; i < m; i++) {
            fair[i] = fair(rows.get(i));
            for (SafeguardingRules.Match match : SafeguardingRules.find(normalised(rows.get(i).text()))) {
                int k = names.indexOf(match.rule().category());
                if (k >= 0) {
                    rule[k][i] = true;
                }
            }
        }
        for (int k = 0; k < h; k++) {
            p[k] = fits.get(names.get(k)).outOfFold();
            gold[k] = golds.get(names.get(k));
        }
        double[] t = StackTrainer.budgetThresholds(p, gold, rule, fair, null, dslBudget);
        boolean[][] cross = StackTrainer.crossFittedBudget(p, gold, rule, fair, foldOf, folds, dslBudget);
        if (outOfFoldDump != null) {
            List<String> lines = new ArrayList<>();
            lines.add("fold\tfair\tcategories\tintent\toffensive\t" + String.join("\t", names) + "\ttext");
            for (int i = 0; i < m; i++) {
                LabelledText row = rows.get(i);
                StringBuilder line = new StringBuilder().append(foldOf[i]).append('\t').append(fair[i] ? 1 : 0)
                        .append('\t').append(row.categories().isEmpty() ? "NONE" : String.join(",", row.categories()))
                        .append('\t').append(row.intent()).append('\t').append(row.offensive());
                for (int k = 0; k < h; k++) {
                    line.append('\t').append(String.format(Locale.ROOT, "%.5f", p[k][i]));
                }
                lines.add(line.append('\t').append(Datasets.escapeLine(row.text())).toString());
            }
            write(outOfFoldDump.resolve("safeguarding-oof.tsv"), lines);
        }
        int fairRows = 0;
        int fairSent = 0;
        int fairByRule = 0;
        int guardRows = 0;
        int guardSent = 0;
        for (int i = 0; i < m; i++) {
            boolean sent = false;
            boolean byRule = false;
            boolean any = false;
            for (int k = 0; k < h; k++) {
                sent |= cross[k][i] || rule[k][i];
                byRule |= rule[k][i];
                any |= gold[k][i];
            }
            if (fair[i]) {
                fairRows++;
                fairSent += sent ? 1 : 0;
                fairByRule += byRule ? 1 : 0;
            }
            if (any) {
                guardRows++;
                guardSent += sent ? 1 : 0;
            }
        }
        for (int k = 0; k < h; k++) {
            StackTrainer.Fitted f = fits.get(names.get(k));
            StackedHeads.Head head = new StackedHeads.Head(f.head().weights(), t[k], f.head().lambda());
            heads.put(names.get(k), head);
            String line = StackTrainer.line(names.get(k), new StackTrainer.Fitted(head, f.outOfFold(), cross[k]),
                    gold[k], all);
            report.set(report.indexOf("@" + names.get(k)), line);
        }
        for (double budget : new double[] {StackTrainer.ROUND_6_DSL_BUDGET, 0.05, 0.075, 0.10, 0.15}) {
            if (budget == dslBudget) {
                continue;
            }
            boolean[][] cb = StackTrainer.crossFittedBudget(p, gold, rule, fair, foldOf, folds, budget);
            int fs = 0;
            int gs = 0;
            for (int i = 0; i < m; i++) {
                boolean sent = false;
                boolean any = false;
                for (int k = 0; k < h; k++) {
                    sent |= cb[k][i] || rule[k][i];
                    any |= gold[k][i];
                }
                fs += fair[i] && sent ? 1 : 0;
                gs += any && sent ? 1 : 0;
            }
            report.add(String.format(Locale.ROOT, "(trade-off) budget %.1f%%: recall %.3f, fair to the DSL %.1f%%, "
                    + "thresholds %s", 100 * budget, gs / (double) Math.max(1, guardRowsOf(gold, m)),
                    100.0 * fs / Math.max(1, fairRows(fair)), java.util.Arrays.toString(
                            StackTrainer.budgetThresholds(p, gold, rule, fair, null, budget))));
        }
        report.add("");
        report.add(String.format(Locale.ROOT, "Safeguarding, heads + rules, cross-fitted: safeguarding posts sent to "
                + "the DSL %d / %d (**recall %.3f**); fair complaints and praise sent to the DSL %d / %d (**%.1f%%**; "
                + "%d of them by a rule)", guardSent, guardRows, guardSent / (double) Math.max(1, guardRows),
                fairSent, fairRows, 100.0 * fairSent / Math.max(1, fairRows), fairByRule));
    }

    private static int guardRowsOf(boolean[][] gold, int m) {
        int c = 0;
        for (int i = 0; i < m; i++) {
            boolean any = false;
            for (boolean[] g : gold) {
                any |= g[i];
            }
            c += any ? 1 : 0;
        }
        return c;
    }

    private static int fairRows(boolean[] fair) {
        int c = 0;
        for (boolean f : fair) {
            c += f ? 1 : 0;
        }
        return c;
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
