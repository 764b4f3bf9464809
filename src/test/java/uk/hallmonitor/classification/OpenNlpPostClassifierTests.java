package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.classification.internal.ModelBundle;

class OpenNlpPostClassifierTests {

    private static ModelBundle models;
    private static OpenNlpPostClassifier classifier;

    @BeforeAll
    static void trainTinyModels() {
        models = TinyModels.train();
        classifier = new OpenNlpPostClassifier(models, ClassificationProperties.defaults());
    }

    private static List<Category> categories(Verdict verdict) {
        return verdict.categories().stream().map(CategoryScore::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            mr davies is a useless idiot           | ABUSE
            u r a st*pid m0r0n                      | ABUSE
            i will kill you after school            | THREAT
            """)
    void flagsAbuseEvenWhenObfuscated(String text, Category expected) {
        Verdict verdict = classifier.classify(text);
        assertThat(verdict.offensive()).isTrue();
        assertThat(categories(verdict)).contains(expected);
        assertThat(verdict.severity()).isNotEqualTo(Severity.NONE);
        assertThat(verdict.explanation()).isNotEmpty();
        assertThat(verdict.modelVersion()).isEqualTo(models.version());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            thank you mrs patel, the choir concert was lovely         | PRAISE
            is the trip still going ahead tomorrow?                   | QUESTION
            very disappointed that nobody answered my email           | COMPLAINT
            """)
    void leavesParentsQuestionsComplaintsAndPraiseUnflagged(String text, Intent intent) {
        Verdict verdict = classifier.classify(text);
        assertThat(verdict.offensive()).isFalse();
        assertThat(verdict.categories()).isEmpty();
        assertThat(verdict.severity()).isEqualTo(Severity.NONE);
        assertThat(verdict.intent()).isEqualTo(intent);
    }

    @Test
    void explanationNamesTheTermThatDroveTheVerdict() {
        Verdict verdict = classifier.classify("you are a total moron");
        assertThat(verdict.explanation()).anyMatch(line -> line.contains("moron"));
    }

    @Test
    void personalDataIsFlaggedByRules() {
        Verdict verdict = classifier.classify("her number is 07700 900123, go and tell her");
        assertThat(categories(verdict)).contains(Category.PERSONAL_DATA);
        assertThat(verdict.explanation()).anyMatch(line -> line.contains("phone number"));
    }

    @Test
    void selfHarmIsASafeguardingMatterWithoutBeingOffensive() {
        Verdict verdict = classifier.classify("i cant do this anymore, i want to die");
        assertThat(categories(verdict)).contains(Category.SELF_HARM);
        assertThat(verdict.safeguarding()).isTrue();
        assertThat(verdict.severity()).isIn(Severity.HIGH, Severity.CRITICAL);
    }

    @Test
    void sexualContentAboutPupilsIsSuspectedIllegal() {
        Verdict verdict = classifier.classify("send nudes of the year 9 girls");
        assertThat(verdict.suspectedIllegal()).isTrue();
        assertThat(verdict.safeguarding()).isTrue();
        assertThat(verdict.severity()).isEqualTo(Severity.CRITICAL);
        Verdict adult = classifier.classify("thank you for the lovely concert");
        assertThat(adult.suspectedIllegal()).isFalse();
    }

    @Test
    void otherLanguagesGetALowConfidenceUnsupportedVerdict() {
        Verdict verdict = classifier.classify("Je pense que cette école est vraiment très bien organisée cette année");
        assertThat(verdict.language()).isEqualTo("unsupported");
        assertThat(verdict.offensive()).isFalse();
        assertThat(verdict.score()).isLessThanOrEqualTo(0.25);
        assertThat(classifier.classify("Школа очень хорошая, спасибо учителям").language()).isEqualTo("unsupported");
        assertThat(classifier.classify("thank you for the lovely concert").language()).isEqualTo("en");
    }

    @Test
    void perSchoolThresholdsOverrideTheDefaults() {
        ClassificationProperties strict = new ClassificationProperties(null, null, null,
                Map.of("school-1", new ClassificationProperties.SchoolThresholds(0.0001, Map.of())), null, null, null,
                null, null);
        OpenNlpPostClassifier perSchool = new OpenNlpPostClassifier(models, strict);
        String text = "looking forward to the fair";
        assertThat(perSchool.classify(text, "school-1").offensive()).isTrue();
        assertThat(perSchool.classify(text, "school-2").offensive()).isFalse();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void oddInputNeverCrashesOrStalls() {
        byte[] junk = new byte[100_000];
        new Random(5).nextBytes(junk);
        List<String> inputs = List.of("", "   ", "x".repeat(100_000), "idiot ".repeat(20_000),
                new String(junk, StandardCharsets.UTF_8), new String(junk, StandardCharsets.ISO_8859_1),
                "\u202E\u200B\u200F\u2066", "😀😂🖕🔥".repeat(500), "\uD800\uDC00\uDFFF",
                "((((((((((a+)+)+)+)+)+)+)+)+)");
        for (String input : inputs) {
            Verdict verdict = classifier.classify(input);
            assertThat(verdict.score()).isBetween(0.0, 1.0);
            assertThat(verdict.language()).isIn("en", "unsupported");
        }
        Verdict empty = classifier.classify("");
        assertThat(empty.categories()).isEmpty();
        assertThat(empty.intent()).isEqualTo(Intent.OTHER);
    }

    @Test
    void threadsSharingTheModelsGetTheSameAnswersAsOneThread() throws Exception {
        List<String> texts = List.of("you are a useless idiot", "thank you mrs patel", "i will kill you",
                "is the trip on tomorrow?", "everyone hates you loser", "photos are on the website");
        List<Double> expected = texts.stream().map(t -> classifier.classify(t).score()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int worker = 0; worker < 4; worker++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (classifier.classify(texts.get(i)).score() != expected.get(i)) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
