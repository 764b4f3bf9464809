package uk.hallmonitor.classification;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import uk.hallmonitor.classification.internal.Datasets;
import uk.hallmonitor.classification.internal.Evaluation;
import uk.hallmonitor.classification.internal.LabelledText;
import uk.hallmonitor.classification.internal.Lexicon;
import uk.hallmonitor.classification.internal.ModelBundle;
import uk.hallmonitor.classification.internal.ModelTrainer;
import uk.hallmonitor.classification.internal.SentenceEncoder;

/**
 * The offline commands of the classification module ({@code classify}, {@code train}, {@code evaluate},
 * {@code retrain}): they run with neither the web server nor the database. Each returns a process exit code.
 */
public final class ClassificationCommands {

    private ClassificationCommands() {
    }

    static {
        // OpenNLP logs every training iteration at INFO; the commands print their own progress
        if (org.slf4j.LoggerFactory.getLogger("opennlp") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /**
     * {@code classify --input FILE --output FILE [--models DIR]}: one verdict line per input line,
     * {@code offensive<TAB>score<TAB>categories<TAB>safeguarding<TAB>severity} (categories comma-separated,
     * safeguarding 1 when the post goes to the DSL, severity NONE…CRITICAL).
     */
    public static int classify(String[] args) {
        Map<String, String> o = options(args);
        if (!o.containsKey("input") || !o.containsKey("output")) {
            System.err.println("usage: classify --input FILE --output FILE [--models DIR]");
            return 2;
        }
        OpenNlpPostClassifier classifier = classifier(o);
        // malformed UTF-8 is replaced, not fatal: a batch must never stop on one bad line
        String input = Datasets.text(Path.of(o.get("input")));
        List<String> texts = lines(input).stream().map(Datasets::unescapeLine).toList();
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(o.get("output")), StandardCharsets.UTF_8)) {
            for (int from = 0; from < texts.size(); from += 256) {
                // through the batch path: the sentence encoder runs once per 256 lines, not once per line
                for (Verdict v : classifier.classifyAll(texts.subList(from, Math.min(texts.size(), from + 256)))) {
                    out.write(v.offensive() ? "1" : "0");
                    out.write('\t');
                    out.write(String.format(Locale.ROOT, "%.4f", v.score()));
                    out.write('\t');
                    out.write(v.categories().stream().map(c -> c.name().name()).collect(Collectors.joining(",")));
                    out.write('\t');
                    out.write(v.safeguarding() ? "1" : "0");
                    out.write('\t');
                    out.write(v.severity().name());
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            System.err.println("cannot write " + o.get("output") + ": " + e.getMessage());
            return 1;
        }
        return 0;
    }

    /** Lines of the input; a final newline does not make an extra empty text. */
    private static List<String> lines(String input) {
        List<String> lines = new ArrayList<>(List.of(input.split("\r?\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /**
     * {@code train --datasets DIR [--corpus FILE,...] [--output DIR] [--licensed-only] [--folds 3]
     * [--iterations 100] [--cutoff 2] [--maxent MAXENT_QN|MAXENT] [--l1 0] [--l2 1.0] [--olid-stack-rows 0]
     * [--encoder e5|minilm] [--embedding-cache FILE] [--no-encoder] [--evaluate-only FILE,...]
     * [--dump-out-of-fold DIR] [--dsl-budget 2.0] [--offensive-budget 1.6]}: rebuilds the model bundle and writes its held-out metrics next to
     * it.
     * {@code --evaluate-only}: corpus rows of these files are scored in the cross-validation but never trained on (to
     * compare training sets on the same rows); {@code --dump-out-of-fold}: writes each training row's out-of-fold
     * scores there; {@code --dsl-budget}: the percentage of the corpus's fair complaints and praise the safeguarding
     * heads + rules may send to the DSL out-of-fold when their thresholds are chosen (default 2.0);
     * {@code --offensive-budget}: the percentage of them the offensive decision may flag out-of-fold when its threshold
     * is chosen (default 1.6).
     */
    public static int train(String[] args) {
        Map<String, String> o = options(args);
        if (o.containsKey("fine-tune")) {
            return fineTune(args);
        }
        Path output = Path.of(o.getOrDefault("output", "nlp-models"));
        List<Path> corpus = corpusFiles(o);
        boolean licensedOnly = o.containsKey("licensed-only");
        // the L-BFGS trainer's regularisation, read by ModelTrainer when --maxent MAXENT_QN
        System.setProperty("hallmonitor.train.l1", o.getOrDefault("l1", "0"));
        System.setProperty("hallmonitor.train.l2", o.getOrDefault("l2", "1.0"));
        // the sentence encoder of the stacked build: e5 (e5-small-v2 int8, default) or minilm (all-MiniLM-L6-v2 int8)
        String encoder = o.getOrDefault("encoder", "e5");
        try {
            SentenceEncoder.Kind.of(encoder);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        System.setProperty("hallmonitor.train.encoder", encoder);
        ModelTrainer.Options options = new ModelTrainer.Options(o.containsKey("datasets")
                ? Path.of(o.get("datasets")) : null, corpus, licensedOnly,
                Integer.parseInt(o.getOrDefault("folds", "5")), Integer.parseInt(o.getOrDefault("iterations", "100")),
                Integer.parseInt(o.getOrDefault("cutoff", "2")), licensedOnly ? "licensed" : "full",
                o.getOrDefault("maxent", "MAXENT_QN"), List.of(), !o.containsKey("no-encoder"),
                Path.of(o.getOrDefault("embedding-cache", DEFAULT_EMBEDDING_CACHE)),
                Integer.parseInt(o.getOrDefault("olid-stack-rows", "0")));
        long start = System.nanoTime();
        if (o.containsKey("cv-only")) {
            new ModelTrainer(System.out).crossValidationOnly(options);
            return 0;
        }
        ModelTrainer trainer = new ModelTrainer(System.out);
        if (o.containsKey("evaluate-only")) {
            // rows of these files are scored in the cross-validation but never trained on: the build is the one
            // without them, measured on the same rows and folds as a build with them
            List<String> texts = new ArrayList<>();
            for (String name : o.get("evaluate-only").split(",")) {
                Datasets.corpus(Path.of(name), "corpus").forEach(r -> texts.add(r.text()));
            }
            if (texts.isEmpty()) {
                System.err.println("--evaluate-only: no corpus rows in " + o.get("evaluate-only"));
                return 2;
            }
            trainer.evaluateOnly(texts);
        }
        if (o.containsKey("dump-out-of-fold")) {
            trainer.dumpOutOfFold(Path.of(o.get("dump-out-of-fold")));
        }
        try {
            if (o.containsKey("dsl-budget")) {
                trainer.dslBudget(budget("dsl-budget", o.get("dsl-budget")));
            }
            if (o.containsKey("offensive-budget")) {
                trainer.offensiveBudget(budget("offensive-budget", o.get("offensive-budget")));
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        ModelTrainer.Result result = trainer.train(options);
        result.bundle().save(output, result.trainedOn());
        List<String> metrics = new ArrayList<>();
        metrics.add("# Metrics of " + result.bundle().version());
        metrics.add("");
        if (result.report().isEmpty()) {
            metrics.add("No cross-validation (no OLID in this build): fixed ensemble "
                    + result.bundle().ensemble() + ".");
        } else {
            metrics.add("Cross-validation (" + options.folds() + "-fold on the training data minus each source's "
                    + "held-out tenth):");
            metrics.add("");
            result.report().forEach(line -> metrics.add("- " + line));
        }
        metrics.add("");
        metrics.add("Held-out tenth of each source (never trained on), full pipeline:");
        metrics.add("");
        OpenNlpPostClassifier classifier = new OpenNlpPostClassifier(ModelBundle.load(output),
                ClassificationProperties.defaults());
        result.heldOut().forEach((name, rows) -> metrics.addAll(Evaluation.report(name, rows,
                classifier::classifyAll, Map.of())));
        metrics.add(String.format(Locale.ROOT, "Training took %.0f s.", (System.nanoTime() - start) / 1e9));
        ModelTrainer.write(output.resolve("metrics.md"), metrics);
        metrics.forEach(System.out::println);
        return 0;
    }

    /**
     * {@code --dsl-budget PERCENT} or {@code --offensive-budget PERCENT} as a share: "2.4" is 0.024; a percentage in
     * [0, 100), else an exception.
     */
    static double budget(String option, String percent) {
        double value;
        try {
            value = Double.parseDouble(percent);
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + option + " takes a percentage, e.g. 2.4: " + percent);
        }
        if (!(value >= 0 && value < 100)) {
            throw new IllegalArgumentException("--" + option + " takes a percentage in [0, 100): " + percent);
        }
        return value / 100;
    }

    /** The fine-tuning entry point: on the test classpath only (DJL and libtorch are not in the runnable jar). */
    static final String FINE_TUNING = "uk.hallmonitor.classification.internal.EncoderFineTuning";

    /**
     * {@code train --fine-tune [--datasets DIR] [--corpus DIR] [--output DIR] [--epochs 1] [--max-rows 0] ...}:
     * fine-tunes the sentence encoder with DJL and exports it for onnxruntime (nlp-models/MODEL.md, Fine-tuning).
     * DJL and libtorch are test-scoped, so this runs from the build's test classpath, not from the jar.
     */
    static int fineTune(String[] args) {
        Class<?> entry;
        try {
            entry = Class.forName(FINE_TUNING);
        } catch (ClassNotFoundException e) {
            System.err
                    .println("train --fine-tune needs DJL and libtorch, which are not in the runnable jar: run it from"
                            + " the build's test classpath as nlp-models/MODEL.md (Fine-tuning) shows");
            return 2;
        }
        try {
            return (int) entry.getMethod("run", String[].class).invoke(null, (Object) args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start " + FINE_TUNING + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code evaluate --input FILE [--models DIR]}: metrics of the pipeline on a labelled file, either OLID-style
     * ({@code id<TAB>text<TAB>OFF|NOT...}, header ignored), {@code label<TAB>text}, or the corpus format.
     */
    public static int evaluate(String[] args) {
        Map<String, String> o = options(args);
        if (!o.containsKey("input")) {
            System.err.println("usage: evaluate --input LABELLED_FILE [--models DIR]");
            return 2;
        }
        Path input = Path.of(o.get("input"));
        List<LabelledText> rows = Datasets.labelledFile(input);
        if (rows.isEmpty()) {
            rows = Datasets.corpus(input, input.getFileName().toString());
        }
        if (rows.isEmpty()) {
            System.err.println(input + " has no labelled lines I can read");
            return 2;
        }
        OpenNlpPostClassifier classifier = classifier(o);
        System.out.println("models " + classifier.modelVersion());
        Evaluation.report(input.getFileName().toString(), rows, classifier::classifyAll, Datasets.kinds(input))
                .forEach(System.out::println);
        return 0;
    }

    /** The hand-written training corpus: every {@code .tsv} file in this directory. */
    static final String DEFAULT_CORPUS = "nlp-models/corpus/train";
    /** Where training keeps sentence vectors between runs. */
    static final String DEFAULT_EMBEDDING_CACHE = "target/train-cache/embeddings.bin";

    /** {@code --corpus FILE,...|DIR}: files, or every .tsv file of a directory (default the training corpus). */
    static List<Path> corpusFiles(Map<String, String> o) {
        List<Path> corpus = new ArrayList<>();
        for (String name : o.getOrDefault("corpus", DEFAULT_CORPUS).split(",")) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    files.filter(f -> f.toString().endsWith(".tsv")).sorted().forEach(corpus::add);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            } else {
                corpus.add(path);
            }
        }
        return corpus;
    }

    /** Where the service appends moderators' corrections unless configured otherwise (under its data directory). */
    static final String DEFAULT_FEEDBACK = "data/classification/feedback.tsv";
    /** Where the service looks for an installed (retrained) model version unless configured otherwise. */
    static final String DEFAULT_MODELS = "data/classification/models";

    /**
     * {@code retrain [--feedback FILE] [--models DIR] [--datasets DIR]}: trains a candidate with the moderators'
     * feedback added to the corpus, and installs it into the models directory only if it is not worse than the
     * current models on the held-out split. The defaults are the service's own paths, so a running service appends
     * dismissals to the file this reads and switches to what this installs.
     */
    public static int retrain(String[] args) {
        Map<String, String> o = options(args);
        Path feedback = Path.of(o.getOrDefault("feedback", DEFAULT_FEEDBACK));
        if (!Files.exists(feedback)) {
            System.err.println("no feedback file at " + feedback + " (usage: retrain [--feedback FILE] [--models DIR]"
                    + " [--datasets DIR] [--corpus FILE])");
            return 2;
        }
        Path models = Path.of(o.getOrDefault("models", DEFAULT_MODELS));
        List<Path> corpus = corpusFiles(o);
        // the same recipe as train (stacked over the sentence encoder, cross-validated thresholds) unless
        // --no-encoder: a retrained version must not lose what the shipped one has
        ModelTrainer.Options options = new ModelTrainer.Options(o.containsKey("datasets")
                ? Path.of(o.get("datasets")) : null, corpus, o.containsKey("licensed-only"),
                Integer.parseInt(o.getOrDefault("folds", o.containsKey("no-encoder") ? "1" : "5")),
                Integer.parseInt(o.getOrDefault("iterations", "100")),
                Integer.parseInt(o.getOrDefault("cutoff", "2")), "retrained", o.getOrDefault("maxent", "MAXENT_QN"),
                List.of(feedback), !o.containsKey("no-encoder"),
                Path.of(o.getOrDefault("embedding-cache", DEFAULT_EMBEDDING_CACHE)),
                Integer.parseInt(o.getOrDefault("olid-stack-rows", "0")));
        boolean installed = Files.exists(models.resolve(ModelBundle.PROPERTIES));
        ModelBundle current = installed ? ModelBundle.load(models) : ModelBundle.loadShipped();
        List<String> currentSources = currentSources(installed ? models : null);
        ModelTrainer.Result result = new ModelTrainer(System.out).train(options);
        List<String> candidateSources = List.of(result.trainedOn().getProperty("trained.sources").split(","));
        List<String> missing = currentSources.stream().filter(s -> !s.isBlank() && !candidateSources.contains(s))
                .toList();
        if (!missing.isEmpty()) {
            // judged only on its own sources' held-out rows, a candidate without the public sets could look as
            // good while having forgotten them: it has to see at least what the current version saw
            System.out.println("the candidate lacks " + missing + " that " + current.version()
                    + " was trained on (pass --datasets): kept " + current.version());
            return 3;
        }
        List<LabelledText> heldOut = result.heldOut().values().stream().flatMap(List::stream).toList();
        ModelRetraining.Decision decision = ModelRetraining.compare(current, result.bundle(), heldOut);
        System.out.println(decision.summary());
        if (decision.switchOn()) {
            result.bundle().save(models, result.trainedOn());
            System.out.println("installed " + result.bundle().version() + " in " + models);
            return 0;
        }
        System.out.println("kept " + current.version());
        return 3;
    }

    /** The sources the current version was trained on, from its {@code model.properties} (empty if unknown). */
    private static List<String> currentSources(Path installed) {
        Properties p = new Properties();
        try (InputStream in = installed != null ? Files.newInputStream(installed.resolve(ModelBundle.PROPERTIES))
                : ClassificationCommands.class.getResourceAsStream("/nlp-models/" + ModelBundle.PROPERTIES)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of(p.getProperty("trained.sources", "").split(","));
    }

    private static OpenNlpPostClassifier classifier(Map<String, String> o) {
        ModelBundle bundle = o.containsKey("models") ? ModelBundle.load(Path.of(o.get("models")))
                : ModelBundle.loadShipped();
        return new OpenNlpPostClassifier(bundle, ClassificationProperties.defaults(), Lexicon.base());
    }

    /** {@code --name value} pairs; a flag without a value maps to "true" (the offline fine-tuning reads its own so). */
    public static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String name = args[i].substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    o.put(name, args[++i]);
                } else {
                    o.put(name, "true");
                }
            }
        }
        return o;
    }
}
