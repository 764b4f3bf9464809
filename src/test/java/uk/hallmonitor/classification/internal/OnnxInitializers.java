package uk.hallmonitor.classification.internal;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The float weights of an ONNX model file, read straight from its protobuf (no ONNX library): {@code ModelProto.graph}
 * = 7, {@code GraphProto.node} = 1, {@code GraphProto.initializer} = 5, {@code NodeProto.input} = 1 / {@code output} =
 * 2 / {@code op_type} = 4, {@code TensorProto.dims} = 1, {@code data_type} = 2, {@code float_data} = 4, {@code name}
 * = 8, {@code raw_data} = 9. {@link #rewrite} writes new values into the same initializers and copies every other
 * byte of the file as it was, so the graph that onnxruntime runs is unchanged.
 *
 * <p>An exporter names a linear layer's weight after the MatMul node (e.g. {@code onnx::MatMul_787}), stored
 * {@code [in, out]}; {@link #matMulNames} maps each such initializer to its layer's name from the node's output
 * ({@code /encoder/layer.0/attention/self/query/MatMul_output_0} → {@code encoder.layer.0.attention.self.query.weight}).
 */
final class OnnxInitializers {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int FLOAT = 1;

    /** One float initializer: its shape and values (row-major). */
    record Tensor(String name, long[] dims, float[] values) {
    }

    private OnnxInitializers() {
    }

    /** Every float initializer of the model, by name, in file order (other types are skipped). */
    static Map<String, Tensor> read(byte[] model) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            CodedInputStream graph = field(model, MODEL_GRAPH);
            while (!graph.isAtEnd()) {
                int tag = graph.readTag();
                if (WireFormat.getTagFieldNumber(tag) == GRAPH_INITIALIZER) {
                    Tensor t = tensor(graph.readBytes());
                    if (t != null) {
                        out.put(t.name(), t);
                    }
                } else {
                    graph.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not an ONNX model: " + e.getMessage(), e);
        }
        return out;
    }

    /** Initializer name → layer weight name, for each MatMul whose second input is an initializer (a weight). */
    static Map<String, String> matMulNames(byte[] model) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            CodedInputStream graph = field(model, MODEL_GRAPH);
            while (!graph.isAtEnd()) {
                int tag = graph.readTag();
                if (WireFormat.getTagFieldNumber(tag) != GRAPH_NODE) {
                    graph.skipField(tag);
                    continue;
                }
                CodedInputStream node = graph.readBytes().newCodedInput();
                List<String> inputs = new ArrayList<>();
                String output = null;
                String op = null;
                while (!node.isAtEnd()) {
                    int t = node.readTag();
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case NODE_INPUT -> inputs.add(node.readStringRequireUtf8());
                        case NODE_OUTPUT -> output = node.readStringRequireUtf8();
                        case NODE_OP_TYPE -> op = node.readStringRequireUtf8();
                        default -> node.skipField(t);
                    }
                }
                if ("MatMul".equals(op) && inputs.size() == 2 && output != null
                        && output.endsWith("/MatMul_output_0")) {
                    String layer = output.substring(output.startsWith("/") ? 1 : 0,
                            output.length() - "/MatMul_output_0".length());
                    out.put(inputs.get(1), layer.replace('/', '.') + ".weight");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("not an ONNX model: " + e.getMessage(), e);
        }
        // a MatMul of two activations (attention scores) has no weight
        out.keySet().retainAll(read(model).keySet());
        return out;
    }

    /**
     * The same model with the given initializers' values replaced (shape and type kept; written as raw little-endian
     * floats); every other field of the file is copied byte for byte.
     */
    static byte[] rewrite(byte[] model, Map<String, float[]> values) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(model.length + 1024);
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            CodedInputStream in = CodedInputStream.newInstance(model);
            in.setSizeLimit(Integer.MAX_VALUE);
            int replaced = 0;
            while (!in.isAtEnd()) {
                int tag = in.readTag();
                if (WireFormat.getTagFieldNumber(tag) != MODEL_GRAPH) {
                    in.skipField(tag, out);
                    continue;
                }
                ByteArrayOutputStream graphBytes = new ByteArrayOutputStream(model.length);
                CodedOutputStream graphOut = CodedOutputStream.newInstance(graphBytes);
                CodedInputStream graph = in.readBytes().newCodedInput();
                graph.setSizeLimit(Integer.MAX_VALUE);
                while (!graph.isAtEnd()) {
                    int t = graph.readTag();
                    if (WireFormat.getTagFieldNumber(t) != GRAPH_INITIALIZER) {
                        graph.skipField(t, graphOut);
                        continue;
                    }
                    ByteString tensorBytes = graph.readBytes();
                    Tensor tensor = tensor(tensorBytes);
                    float[] v = tensor == null ? null : values.get(tensor.name());
                    if (v == null) {
                        graphOut.writeBytes(GRAPH_INITIALIZER, tensorBytes);
                    } else {
                        if (v.length != tensor.values().length) {
                            throw new IllegalArgumentException(tensor.name() + " has " + tensor.values().length
                                    + " values, not " + v.length);
                        }
                        graphOut.writeBytes(GRAPH_INITIALIZER, withValues(tensorBytes, v));
                        replaced++;
                    }
                }
                graphOut.flush();
                out.writeByteArray(MODEL_GRAPH, graphBytes.toByteArray());
            }
            if (replaced != values.size()) {
                throw new IllegalArgumentException("only " + replaced + " of " + values.size()
                        + " initializers to replace were found in the model");
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("not an ONNX model: " + e.getMessage(), e);
        }
    }

    /** The bytes of the first occurrence of a length-delimited top-level field. */
    private static CodedInputStream field(byte[] message, int number) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        in.setSizeLimit(Integer.MAX_VALUE);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            if (WireFormat.getTagFieldNumber(tag) == number) {
                CodedInputStream inner = in.readBytes().newCodedInput();
                inner.setSizeLimit(Integer.MAX_VALUE);
                return inner;
            }
            in.skipField(tag);
        }
        throw new IOException("no field " + number);
    }

    /** A float tensor, or null for other types. */
    private static Tensor tensor(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        in.setSizeLimit(Integer.MAX_VALUE);
        List<Long> dims = new ArrayList<>();
        int type = 0;
        String name = null;
        ByteString raw = null;
        List<Float> floats = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int number = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (number == TENSOR_DIMS && wire == WireFormat.WIRETYPE_VARINT) {
                dims.add(in.readInt64());
            } else if (number == TENSOR_DIMS && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    dims.add(in.readInt64());
                }
                in.popLimit(limit);
            } else if (number == TENSOR_DATA_TYPE) {
                type = in.readInt32();
            } else if (number == TENSOR_NAME) {
                name = in.readStringRequireUtf8();
            } else if (number == TENSOR_RAW_DATA) {
                raw = in.readBytes();
            } else if (number == TENSOR_FLOAT_DATA && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                while (in.getBytesUntilLimit() > 0) {
                    floats.add(in.readFloat());
                }
                in.popLimit(limit);
            } else if (number == TENSOR_FLOAT_DATA) {
                floats.add(in.readFloat());
            } else {
                in.skipField(tag);
            }
        }
        if (type != FLOAT || name == null) {
            return null;
        }
        float[] values;
        if (raw != null) {
            values = new float[raw.size() / 4];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        } else {
            values = new float[floats.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = floats.get(i);
            }
        }
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray(), values);
    }

    /** The tensor message with its data (raw_data or float_data) replaced by raw little-endian floats. */
    private static ByteString withValues(ByteString tensor, float[] values) throws IOException {
        CodedInputStream in = tensor.newCodedInput();
        in.setSizeLimit(Integer.MAX_VALUE);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(values.length * 4 + 256);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int number = WireFormat.getTagFieldNumber(tag);
            if (number == TENSOR_RAW_DATA || number == TENSOR_FLOAT_DATA) {
                in.skipField(tag);
            } else {
                in.skipField(tag, out);
            }
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        out.writeByteArray(TENSOR_RAW_DATA, raw.array());
        out.flush();
        return ByteString.copyFrom(bytes.toByteArray());
    }
}
