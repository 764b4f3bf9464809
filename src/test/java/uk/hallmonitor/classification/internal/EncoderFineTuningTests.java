package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encoder fine-tuning on tiny data (the real training is run by hand, see {@code nlp-models/MODEL.md}, Fine-tuning):
 * the ONNX initializers are read and rewritten faithfully, the encoder rebuilt in DJL computes what onnxruntime
 * computes, and a few training steps produce an ONNX file that onnxruntime runs with the trained weights.
 */
class EncoderFineTuningTests {

    private static final byte[] MODEL = EncoderFineTuning.resourceBytes(EncoderFineTuning.MODEL);

    @Test
    void readsEveryBertWeightAndNamesTheMatMulWeightsAfterTheirLayer() {
        Map<String, OnnxInitializers.Tensor> tensors = OnnxInitializers.read(MODEL);
        Map<String, String> matMul = OnnxInitializers.matMulNames(MODEL);

        assertThat(tensors.get("embeddings.word_embeddings.weight").dims()).containsExactly(30522, 384);
        assertThat(matMul).hasSize(36).containsValue("encoder.layer.5.output.dense.weight");
        String query0 = matMul.entrySet().stream()
                .filter(e -> e.getValue().equals("encoder.layer.0.attention.self.query.weight")).findFirst()
                .orElseThrow().getKey();
        assertThat(tensors.get(query0).dims()).containsExactly(384, 384);
        assertThat(tensors.get(query0).values()).hasSize(384 * 384);
    }

    @Test
    void rewritingAnInitializerChangesOnlyThatTensor() {
        float[] bias = new float[384];
        bias[7] = 1.5f;

        byte[] rewritten = OnnxInitializers.rewrite(MODEL, Map.of("encoder.layer.3.output.dense.bias", bias));

        Map<String, OnnxInitializers.Tensor> before = OnnxInitializers.read(MODEL);
        Map<String, OnnxInitializers.Tensor> after = OnnxInitializers.read(rewritten);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        assertThat(after.get("encoder.layer.3.output.dense.bias").values()).containsExactly(bias);
        assertThat(after.get("encoder.layer.2.output.dense.bias").values())
                .containsExactly(before.get("encoder.layer.2.output.dense.bias").values());
        assertThat(rewritten).hasSameSizeAs(MODEL);
        assertThatThrownBy(() -> OnnxInitializers.rewrite(MODEL, Map.of("no.such.weight", bias)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFewStepsOnTinyDataExportAModelThatOnnxruntimeRunsWithTheTrainedWeights(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("tiny.tsv");
        Files.write(corpus, List.of(
                "1\tTHREAT\tOTHER\tI know where that teacher lives and he'll find out soon enough",
                "1\tSELF_HARM\tOTHER\tnobody would even notice if I wasn't here tomorrow",
                "1\tBULLYING\tOTHER\teveryone ignore the new girl in 9B she's a freak",
                "1\tABUSE\tOTHER\tthe head is a useless idiot",
                "0\tNONE\tCOMPLAINT\tThe bus was late again and nobody from the school answered the phone.",
                "0\tNONE\tPRAISE\tBrilliant concert last night, the choir absolutely smashed it!",
                "0\tNONE\tQUESTION\tWhat time does the sports day start on Friday?",
                "0\tNONE\tCOMPLAINT\tThree weeks and still no reply about my son's missing PE kit."));
        Path output = dir.resolve("out");
        EncoderFineTuning.Options options = new EncoderFineTuning.Options(null, List.of(corpus), output, 2, 0, 4,
                1e-3f, 1e-2f, 1, 32, 42, false, false, 0);

        EncoderFineTuning.Result result = new EncoderFineTuning(new StringBuilder()).run(options);

        assertThat(result.parityCosine()).isGreaterThan(0.999);
        assertThat(result.exportCosine()).isGreaterThan(0.999);
        assertThat(result.onnx()).exists();
        assertThat(output.resolve("fine-tune-report.md")).exists();
        // the export carries trained weights: the same text embeds differently from the original model
        String text = "the bus was late again";
        float[] original = SentenceEncoder.load(SentenceEncoder.Kind.MINILM_L6, MODEL, 1).embed(text);
        float[] tuned = SentenceEncoder.load(SentenceEncoder.Kind.MINILM_L6, Files.readAllBytes(result.onnx()), 1)
                .embed(text);
        double dot = 0;
        for (int i = 0; i < original.length; i++) {
            dot += original[i] * tuned[i];
        }
        assertThat(dot).isLessThan(0.99999);
        // the word-embedding table is frozen by default and comes back unchanged
        assertThat(Arrays.equals(
                OnnxInitializers.read(Files.readAllBytes(result.onnx())).get(EncoderFineTuning.WORD_EMBEDDINGS)
                        .values(),
                OnnxInitializers.read(MODEL).get(EncoderFineTuning.WORD_EMBEDDINGS).values())).isTrue();
    }
}
