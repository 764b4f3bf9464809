package uk.hallmonitor.classification.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * The set of trained models that make one model version: the offensive-or-not n-gram models combined by
 * {@link Ensemble}, a category model and an intent model, the tuned weights in {@code model.properties}, and (in a
 * full build) the {@link StackedHeads} that combine them with the sentence encoder's vector.
 * Immutable and shared by all threads; each thread makes its own categorizers from it.
 */
public final class ModelBundle {

    /** File names inside a model directory. */
    public static final String OFFENSIVE_ME = "offensive-me.bin";
    public static final String OFFENSIVE_NB = "offensive-nb.bin";
    public static final String OFFENSIVE_AUX = "offensive-aux.bin";
    public static final String CATEGORY = "category.bin";
    public static final String INTENT = "intent.bin";
    public static final String PROPERTIES = "model.properties";

    static {
        // OpenNLP only re-creates feature generators from packages it was told to trust
        ExtensionLoader.registerAllowedPackage("uk.hallmonitor.classification");
    }

    private final DoccatModel offensiveMe;
    private final DoccatModel offensiveNb;
    private final DoccatModel offensiveAux;
    private final DoccatModel category;
    private final DoccatModel intent;
    private final Ensemble ensemble;
    private final StackedHeads stack;
    private final String version;
    private final Map<String, Double> offensiveWeights;

    public ModelBundle(DoccatModel offensiveMe, DoccatModel offensiveNb, DoccatModel offensiveAux,
                       DoccatModel category, DoccatModel intent, Ensemble ensemble, String version) {
        this(offensiveMe, offensiveNb, offensiveAux, category, intent, ensemble, null, version);
    }

    /**
     * A bundle; the naive Bayes and second maxent may be null when the ensemble gives them no weight, and the stack
     * is null for an n-gram-only bundle (no sentence encoder at run time).
     */
    public ModelBundle(DoccatModel offensiveMe, DoccatModel offensiveNb, DoccatModel offensiveAux,
                       DoccatModel category, DoccatModel intent, Ensemble ensemble, StackedHeads stack,
                       String version) {
        this.stack = stack;
        this.offensiveMe = offensiveMe;
        this.offensiveNb = offensiveNb;
        this.offensiveAux = offensiveAux;
        this.category = category;
        this.intent = intent;
        this.ensemble = ensemble;
        this.version = version;
        this.offensiveWeights = featureWeights(offensiveMe, Ensemble.OFFENSIVE);
    }

    /** Makes sure the static registration above has run before any model is read elsewhere. */
    public static void registerFeatureGenerators() {
        // the static initialiser does the work
    }

    /** Loads a bundle from a directory. */
    public static ModelBundle load(Path directory) {
        return load(name -> Files.newInputStream(directory.resolve(name)));
    }

    // the shipped bundle never changes while the process runs: read once, shared by every classifier in it
    private static volatile ModelBundle shipped;

    /**
     * The bundle shipped on the classpath under {@code /nlp-models/}, read on the first call and shared after it (a
     * bundle is read-only: each classifier makes its own categorizers over it).
     */
    public static ModelBundle loadShipped() {
        ModelBundle read = shipped;
        if (read == null) {
            synchronized (ModelBundle.class) {
                read = shipped;
                if (read == null) {
                    read = readShipped();
                    shipped = read;
                }
            }
        }
        return read;
    }

    private static ModelBundle readShipped() {
        return load(name -> {
            InputStream in = ModelBundle.class.getResourceAsStream("/nlp-models/" + name);
            if (in == null) {
                throw new IOException("nlp-models/" + name + " is not on the classpath; run the train command");
            }
            return in;
        });
    }

    /** Opens a named file of a bundle. */
    @FunctionalInterface
    public interface Source {
        InputStream open(String name) throws IOException;
    }

    private static ModelBundle load(Source source) {
        try {
            Properties properties = new Properties();
            try (InputStream in = source.open(PROPERTIES)) {
                properties.load(in);
            }
            Ensemble ensemble = Ensemble.from(properties);
            // a stacked bundle has no naive Bayes or second maxent: a stale copy of one is not even read
            StackedHeads stack = stack(source);
            return new ModelBundle(read(source, OFFENSIVE_ME),
                    ensemble.bayesWeight() == 0 && stack != null ? null
                            : ensemble.bayesWeight() == 0 ? readIfThere(source, OFFENSIVE_NB)
                            : read(source, OFFENSIVE_NB),
                    ensemble.auxWeight() == 0 && stack != null ? null
                            : ensemble.auxWeight() == 0 ? readIfThere(source, OFFENSIVE_AUX)
                            : read(source, OFFENSIVE_AUX),
                    read(source, CATEGORY), read(source, INTENT), ensemble, stack,
                    properties.getProperty("version", "unknown"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the classification models: " + e.getMessage(), e);
        }
    }

    /** A model the ensemble does not use: absent in bundles that leave it out. */
    private static DoccatModel readIfThere(Source source, String name) {
        try {
            return read(source, name);
        } catch (IOException e) {
            return null;
        }
    }

    private static StackedHeads stack(Source source) throws IOException {
        InputStream in;
        try {
            in = source.open(StackedHeads.FILE);
        } catch (IOException e) {
            return null; // an n-gram-only bundle
        }
        try (in) {
            return StackedHeads.read(in);
        }
    }

    private static DoccatModel read(Source source, String name) throws IOException {
        try (InputStream in = source.open(name)) {
            return new DoccatModel(in);
        }
    }

    /** Writes the bundle to a directory. */
    public void save(Path directory, Properties extra) {
        try {
            Files.createDirectories(directory);
            write(offensiveMe, directory.resolve(OFFENSIVE_ME));
            writeOrRemove(offensiveNb, directory.resolve(OFFENSIVE_NB));
            writeOrRemove(offensiveAux, directory.resolve(OFFENSIVE_AUX));
            Path stackFile = directory.resolve(StackedHeads.FILE);
            if (stack != null) {
                try (OutputStream out = Files.newOutputStream(stackFile)) {
                    stack.write(out);
                }
            } else {
                Files.deleteIfExists(stackFile);
            }
            write(category, directory.resolve(CATEGORY));
            write(intent, directory.resolve(INTENT));
            Properties properties = new Properties();
            properties.putAll(extra);
            ensemble.store(properties);
            properties.setProperty("version", version);
            try (OutputStream out = Files.newOutputStream(directory.resolve(PROPERTIES))) {
                properties.store(out, "Hallmonitor classification models");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeOrRemove(DoccatModel model, Path file) throws IOException {
        if (model == null) {
            Files.deleteIfExists(file);
        } else {
            write(model, file);
        }
    }

    private static void write(DoccatModel model, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            model.serialize(out);
        }
    }

    /** For each feature, how much it pushes the model towards {@code outcome}: used to explain verdicts. */
    private static Map<String, Double> featureWeights(DoccatModel model, String outcome) {
        Map<String, Double> weights = new HashMap<>();
        if (!(model.getMaxentModel() instanceof AbstractModel abstractModel)) {
            return weights;
        }
        Object[] data = abstractModel.getDataStructures();
        Context[] params = (Context[]) data[0];
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        int target = abstractModel.getIndex(outcome);
        if (target < 0 || params == null || pmap == null) {
            return weights;
        }
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            Context context = e.getValue();
            double towards = 0;
            double against = 0;
            int[] outcomes = context.getOutcomes();
            double[] values = context.getParameters();
            for (int k = 0; k < outcomes.length; k++) {
                if (outcomes[k] == target) {
                    towards += values[k];
                } else {
                    against += values[k];
                }
            }
            double weight = towards - against;
            if (weight > 0.05) {
                weights.put(e.getKey(), weight);
            }
        }
        return weights;
    }

    public DoccatModel offensiveMe() {
        return offensiveMe;
    }

    public DoccatModel offensiveNb() {
        return offensiveNb;
    }

    public DoccatModel offensiveAux() {
        return offensiveAux;
    }

    public DoccatModel category() {
        return category;
    }

    public DoccatModel intent() {
        return intent;
    }

    /** The stacked heads over the sentence encoder, or null for an n-gram-only bundle. */
    public StackedHeads stack() {
        return stack;
    }

    public Ensemble ensemble() {
        return ensemble;
    }

    public String version() {
        return version;
    }

    /** How strongly a feature pushes the main offensive model towards "offensive" (absent: not at all). */
    public double offensiveWeight(String feature) {
        return offensiveWeights.getOrDefault(feature, 0.0);
    }
}
