package uk.hallmonitor.classification.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT encoder (embeddings + N transformer layers, post-LayerNorm, exact GELU) rebuilt in DJL on PyTorch from the
 * float initializers of its ONNX export, so that it can be trained with autograd and written back into the same ONNX
 * file ({@link #exportValues}). Weights keep the ONNX layout: a linear layer's weight is {@code [in, out]} and applied
 * as {@code x · W + b}. The forward pass ({@link #hidden}) is what the ONNX graph computes: word + position + token-type
 * (0) embeddings, LayerNorm (ε 1e-12), then per layer self-attention with the padding masked out, residual +
 * LayerNorm, feed-forward with GELU, residual + LayerNorm.
 */
final class DjlBertEncoder implements AutoCloseable {

    private static final float EPSILON = 1e-12f;

    private final NDManager manager;
    private final int heads;
    private final int layers;
    private final int hidden;
    /** Parameter name (PyTorch style) → trainable array. */
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    /** Parameter name → ONNX initializer name (they differ for MatMul weights). */
    private final Map<String, String> initializerOf = new LinkedHashMap<>();

    /** Reads every float initializer of the model except the constant position ids. */
    DjlBertEncoder(NDManager manager, byte[] onnxModel, int heads) {
        this.manager = manager;
        this.heads = heads;
        Map<String, String> matMul = OnnxInitializers.matMulNames(onnxModel);
        int count = 0;
        for (OnnxInitializers.Tensor t : OnnxInitializers.read(onnxModel).values()) {
            String name = matMul.getOrDefault(t.name(), t.name());
            NDArray array = manager.create(t.values(), new Shape(t.dims()));
            array.setRequiresGradient(true);
            parameters.put(name, array);
            initializerOf.put(name, t.name());
            if (name.matches("encoder\\.layer\\.\\d+\\.output\\.LayerNorm\\.bias")) {
                count++;
            }
        }
        this.layers = count;
        this.hidden = (int) parameters.get("embeddings.LayerNorm.weight").getShape().get(0);
        for (int i = 0; i < layers; i++) {
            for (String w : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense", "intermediate.dense", "output.dense"}) {
                if (!parameters.containsKey("encoder.layer." + i + "." + w + ".weight")) {
                    throw new IllegalArgumentException("the ONNX model has no weight for encoder.layer." + i + "." + w);
                }
            }
        }
    }

    int layers() {
        return layers;
    }

    int hiddenSize() {
        return hidden;
    }

    /** The trainable arrays, by name. */
    Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * The last layer's hidden states {@code [batch, length, hidden]}.
     *
     * @param ids  token ids {@code [batch, length]} (int64), padded with 0
     * @param mask 1 for a token, 0 for padding {@code [batch, length]} (float32)
     */
    NDArray hidden(NDArray ids, NDArray mask) {
        long batch = ids.getShape().get(0);
        long length = ids.getShape().get(1);
        NDManager m = ids.getManager();
        NDArray positions = m.arange(0, (int) length, 1, DataType.INT64);
        NDArray types = m.zeros(ids.getShape(), DataType.INT64);
        NDArray x = embed(ids, p("embeddings.word_embeddings.weight"))
                .add(embed(positions, p("embeddings.position_embeddings.weight")))
                .add(embed(types, p("embeddings.token_type_embeddings.weight")));
        x = norm(x, "embeddings.LayerNorm");
        // padding gets a large negative score before the softmax: [batch, 1, 1, length]
        NDArray maskAdd = mask.neg().add(1).mul(-10000f).reshape(batch, 1, 1, length);
        int headSize = hidden / heads;
        float scale = (float) (1 / Math.sqrt(headSize));
        for (int i = 0; i < layers; i++) {
            String l = "encoder.layer." + i + ".";
            NDArray q = split(linear(x, l + "attention.self.query"), batch, length, headSize);
            NDArray k = split(linear(x, l + "attention.self.key"), batch, length, headSize);
            NDArray v = split(linear(x, l + "attention.self.value"), batch, length, headSize);
            NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).add(maskAdd);
            NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, length, hidden);
            x = norm(linear(context, l + "attention.output.dense").add(x), l + "attention.output.LayerNorm");
            NDArray inner = Activation.gelu(linear(x, l + "intermediate.dense"));
            x = norm(linear(inner, l + "output.dense").add(x), l + "output.LayerNorm");
        }
        return x;
    }

    /** Mean of the hidden states over the real tokens {@code [batch, hidden]} (not scaled to unit length). */
    NDArray meanPooled(NDArray ids, NDArray mask) {
        NDArray h = hidden(ids, mask);
        NDArray m = mask.expandDims(2);
        return h.mul(m).sum(new int[] {1}).div(mask.sum(new int[] {1}, true));
    }

    /** Current values of every trained array, keyed by ONNX initializer name, for {@link OnnxInitializers#rewrite}. */
    Map<String, float[]> exportValues() {
        Map<String, float[]> out = new LinkedHashMap<>();
        parameters.forEach((name, array) -> out.put(initializerOf.get(name), array.toFloatArray()));
        return out;
    }

    private NDArray p(String name) {
        return parameters.get(name);
    }

    private static NDArray embed(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray linear(NDArray x, String name) {
        return x.matMul(p(name + ".weight")).add(p(name + ".bias"));
    }

    private NDArray norm(NDArray x, String name) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(hidden), p(name + ".weight"), p(name + ".bias"),
                EPSILON).singletonOrThrow();
    }

    private NDArray split(NDArray x, long batch, long length, int headSize) {
        return x.reshape(batch, length, heads, headSize).transpose(0, 2, 1, 3);
    }

    @Override
    public void close() {
        parameters.values().forEach(NDArray::close);
    }
}
