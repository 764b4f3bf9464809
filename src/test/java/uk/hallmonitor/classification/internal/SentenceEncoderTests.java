package uk.hallmonitor.classification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The e5-small int8 encoder as the pipeline runs it: WordPiece ids, batching, and what the vectors mean. */
class SentenceEncoderTests {

    private final SentenceEncoder encoder = SentenceEncoder.shared();

    @Test
    void theJavaWordPieceGivesTheIdsOfTheReferenceTokenizer() {
        // ids from the Hugging Face tokenizer (Rust) reading the same tokenizer.json
        assertThat(encoder.tokenizer().encode("query: I know where you live, watch your back", 128)).containsExactly(
                101, 23032, 1024, 1045, 2113, 2073, 2017, 2444, 1010, 3422, 2115, 2067, 102);
        assertThat(encoder.tokenizer().encode("query: Héllo WORLD!! it's 5pm—café naïve 😀 @user url", 128))
                .containsExactly(101, 23032, 1024, 7592, 2088, 999, 999, 2009, 1005, 1055, 1019, 9737, 1517, 7668,
                        15743, 100, 1030, 5310, 24471, 2140, 102);
        assertThat(encoder.tokenizer().encode("query: my stepdad hits me when mum's at work", 128)).containsExactly(
                101, 23032, 1024, 2026, 3357, 14697, 4978, 2033, 2043, 12954, 1005, 1055, 2012, 2147, 102);
    }

    @Test
    void longTextsAreCutAtTheTokenLimitWithTheEndMarkerKept() {
        int[] ids = encoder.tokenizer().encode("word ".repeat(500), SentenceEncoder.MAX_TOKENS);
        assertThat(ids).hasSize(SentenceEncoder.MAX_TOKENS);
        assertThat(ids[ids.length - 1]).isEqualTo(102);
    }

    @Test
    void aBatchGivesEachTextNearlyTheVectorItGetsAlone() {
        // int8 dynamic quantisation scales activations per batch, so padding and neighbours move the last digits
        List<String> texts = List.of("the bus was late again", "i know where you live",
                "well done to the netball team, brilliant result against st marys on saturday", "");
        float[][] batch = encoder.embed(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = encoder.embed(texts.get(i));
            assertThat(batch[i]).hasSize(SentenceEncoder.DIMENSIONS);
            assertThat(dot(batch[i], alone)).as(texts.get(i)).isGreaterThan(0.99);
        }
    }

    @Test
    void vectorsAreUnitLengthAndPlaceLikeMeaningsTogether() {
        float[][] v = encoder.embed(List.of("i want to end my life", "i dont want to be alive anymore",
                "the school dinners were cold today"));
        assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.05);
    }

    @Test
    void theMiniLmEncoderTakesNoPrefixAndAlsoPlacesLikeMeaningsTogether() {
        SentenceEncoder minilm = SentenceEncoder.shared(SentenceEncoder.Kind.MINILM_L6);
        assertThat(minilm.name()).startsWith("all-minilm-l6-v2-q");
        assertThat(SentenceEncoder.Kind.of(minilm.name())).isEqualTo(SentenceEncoder.Kind.MINILM_L6);
        assertThat(SentenceEncoder.Kind.of(encoder.name())).isEqualTo(SentenceEncoder.Kind.E5_SMALL);
        float[][] v = minilm.embed(List.of("i want to end my life", "i dont want to be alive anymore",
                "the school dinners were cold today"));
        assertThat(v[0]).hasSize(SentenceEncoder.DIMENSIONS);
        assertThat(dot(v[0], v[0])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.05);
        // a different model: its vectors are not e5's
        assertThat(dot(v[0], encoder.embed("i want to end my life"))).isLessThan(0.9);
    }

    @Test
    void aBatchOfManyLengthsComesBackInTheOrderGiven() {
        // sorted by length inside, padded per batch: each text must still get its own vector back
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add("word ".repeat(70 - i) + i);
        }
        float[][] batch = encoder.embed(texts);
        for (int i : new int[] {0, 33, 69}) {
            assertThat(dot(batch[i], encoder.embed(texts.get(i)))).as(texts.get(i)).isGreaterThan(0.99);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
