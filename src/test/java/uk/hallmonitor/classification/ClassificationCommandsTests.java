package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.hallmonitor.classification.internal.ModelBundle;

class ClassificationCommandsTests {

    @TempDir
    static Path models;

    @BeforeAll
    static void saveTinyModels() {
        TinyModels.train().save(models, new Properties());
    }

    @Test
    void classifyWritesOneVerdictLinePerInputLineEvenForBrokenInput(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("in.txt");
        Path output = dir.resolve("out.tsv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("you are a useless idiot\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("thank you mrs patel\\nfor the lovely concert\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, 'x', '\n'}); // invalid UTF-8
        bytes.writeBytes("\n".getBytes(StandardCharsets.UTF_8)); // an empty text
        bytes.writeBytes("a\\tb ".repeat(30_000).getBytes(StandardCharsets.UTF_8)); // 150 KB, no final newline
        Files.write(input, bytes.toByteArray());

        int exit = ClassificationCommands.classify(new String[] {"--input", input.toString(), "--output",
                output.toString(), "--models", models.toString()});

        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(5);
        // offensive, score, categories, then whether it goes to the DSL and how severe it is
        assertThat(lines).allMatch(line -> line.matches(
                "[01]\\t[0-9]\\.[0-9]{4}\\t[A-Z_,]*\\t[01]\\t(NONE|LOW|MEDIUM|HIGH|CRITICAL)"));
        assertThat(lines.get(0)).startsWith("1\t").contains("ABUSE").endsWith("\t0\tMEDIUM");
        assertThat(lines.get(1)).startsWith("0\t").endsWith("\t\t0\tNONE");
    }

    @Test
    void classifyWithoutArgumentsExplainsUsage() {
        assertThat(ClassificationCommands.classify(new String[0])).isEqualTo(2);
    }

    @Test
    void evaluatePrintsMacroF1ForAnOlidStyleFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labelled.tsv");
        Files.writeString(file, """
                id\ttweet\tsubtask_a
                1\t@USER you are a useless idiot\tOFF
                2\tthank you for the lovely concert\tNOT
                3\twhat a pathetic loser\tOFF
                4\tis the trip on tomorrow?\tNOT
                """);
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = ClassificationCommands.evaluate(new String[] {"--input", file.toString(), "--models",
                    models.toString()});
            assertThat(exit).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("macro-F1 **1.000**").contains("n=4");
    }

    @Test
    void retrainInstallsACandidateOnlyWhenItIsNotWorse(@TempDir Path dir) throws IOException {
        Path active = dir.resolve("active");
        ModelBundle.load(models).save(active, new Properties());
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS.repeat(2));
        Path feedback = dir.resolve("feedback.tsv");
        Files.writeString(feedback, "0\tNONE\tPRAISE\twe murdered them 5-0, get in lads\n");

        int exit = ClassificationCommands.retrain(new String[] {"--feedback", feedback.toString(), "--models",
                active.toString(), "--corpus", corpus.toString(), "--iterations", "40", "--cutoff", "1",
                "--no-encoder"});

        assertThat(exit).isIn(0, 3);
        String version = ModelBundle.load(active).version();
        assertThat(version.endsWith("retrained")).isEqualTo(exit == 0);
    }

    @Test
    void trainStacksTheEncoderOverTheNgramModelsAndTheLicensedOnlyBuildLeavesOlidOut(@TempDir Path dir)
            throws IOException {
        Path datasets = tinyDatasets(dir.resolve("datasets"));
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS.repeat(2));

        Path full = dir.resolve("full");
        int exit = ClassificationCommands.train(new String[] {"--datasets", datasets.toString(), "--corpus",
                corpus.toString(), "--output", full.toString(), "--folds", "3", "--iterations", "30",
                "--embedding-cache", dir.resolve("cache.bin").toString()});

        assertThat(exit).isZero();
        Properties trained = properties(full);
        assertThat(trained.getProperty("trained.sources")).isEqualTo("corpus,olid");
        assertThat(trained.getProperty("trained.stack.heads")).contains("OFF", "ABUSE", "intent:QUESTION");
        assertThat(Files.readString(full.resolve("metrics.md"))).contains("**stacked (sentence vector + n-gram score)")
                .contains("| category | support | precision | recall | F1 | threshold | L2 |")
                .contains("fair complaints and praise")
                .contains("a threshold for macro-F1 on olid rows alone (cross-fitted)");
        assertThat(trained.getProperty("trained.encoder")).startsWith("e5-small-v2-q");
        // the thresholds were chosen under the default budgets: 2.0% of the fair posts sent to the DSL, 1.6% flagged
        assertThat(trained.getProperty("trained.stack.dslBudget")).isEqualTo("0.02");
        assertThat(trained.getProperty("trained.stack.offensiveBudget")).isEqualTo("0.016");
        ModelBundle bundle = ModelBundle.load(full);
        assertThat(bundle.stack()).isNotNull();
        assertThat(bundle.offensiveMe().getFactory().getFeatureGenerators()[0].getClass().getSimpleName())
                .isEqualTo("OffensiveFeatures");
        // the stacked bundle classifies through the encoder
        Verdict verdict = new OpenNlpPostClassifier(bundle, ClassificationProperties.defaults())
                .classify("you are a useless idiot");
        assertThat(verdict.modelVersion()).isEqualTo(bundle.version());

        Path licensed = dir.resolve("licensed");
        exit = ClassificationCommands.train(new String[] {"--datasets", datasets.toString(), "--corpus",
                corpus.toString(), "--output", licensed.toString(), "--licensed-only", "--iterations", "30",
                "--no-encoder"});

        assertThat(exit).isZero();
        assertThat(properties(licensed).getProperty("trained.sources")).isEqualTo(
                "corpus,davidson,hatexplain");
        assertThat(properties(licensed).getProperty("trained.licensedOnly")).isEqualTo("true");
    }

    @Test
    void trainWithTheMiniLmEncoderRecordsItAndTheClassifierServesTheBundleWithIt(@TempDir Path dir) throws IOException {
        Path datasets = tinyDatasets(dir.resolve("datasets"));
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS.repeat(2));
        Path out = dir.resolve("minilm");

        int exit = ClassificationCommands.train(new String[] {"--datasets", datasets.toString(), "--corpus",
                corpus.toString(), "--output", out.toString(), "--folds", "3", "--iterations", "30",
                "--encoder", "minilm", "--embedding-cache", dir.resolve("cache.bin").toString(),
                "--dsl-budget", "3", "--offensive-budget", "1.5"});

        assertThat(exit).isZero();
        assertThat(properties(out).getProperty("trained.stack.dslBudget")).isEqualTo("0.03");
        assertThat(properties(out).getProperty("trained.stack.offensiveBudget")).isEqualTo("0.015");
        assertThat(Files.readString(out.resolve("metrics.md"))).contains("at most 3.0% of the fair complaints")
                .contains("so that at most 1.5% of the corpus's fair complaints and praise are flagged");
        assertThat(properties(out).getProperty("trained.encoder")).startsWith("all-minilm-l6-v2-q");
        // each encoder keeps its own cache file: e5 vectors are never read as MiniLM ones
        assertThat(dir.resolve("minilm_l6-cache.bin")).exists();
        assertThat(dir.resolve("cache.bin")).doesNotExist();
        ModelBundle bundle = ModelBundle.load(out);
        assertThat(bundle.stack().encoder()).startsWith("all-minilm-l6-v2-q");
        Verdict verdict = new OpenNlpPostClassifier(bundle, ClassificationProperties.defaults())
                .classify("you are a useless idiot");
        assertThat(verdict.modelVersion()).isEqualTo(bundle.version());
    }

    @Test
    void trainRefusesAnUnknownEncoder(@TempDir Path dir) throws IOException {
        Path datasets = tinyDatasets(dir.resolve("datasets"));
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS);
        int exit = ClassificationCommands.train(new String[] {"--datasets", datasets.toString(), "--corpus",
                corpus.toString(), "--output", dir.resolve("x").toString(), "--encoder", "bert-large"});

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void trainRefusesADslOrOffensiveBudgetThatIsNotAPercentage(@TempDir Path dir) throws IOException {
        Path datasets = tinyDatasets(dir.resolve("datasets"));
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS);
        for (String option : new String[] {"--dsl-budget", "--offensive-budget"}) {
            for (String budget : new String[] {"two", "-1", "100", "NaN"}) {
                int exit = ClassificationCommands.train(new String[] {"--datasets", datasets.toString(), "--corpus",
                        corpus.toString(), "--output", dir.resolve("x").toString(), option, budget});

                assertThat(exit).as(option + " " + budget).isEqualTo(2);
                assertThat(dir.resolve("x")).doesNotExist();
            }
        }
    }

    @Test
    void trainFineTuneReachesTheFineTunerWhichExplainsUsageWithoutData(@TempDir Path dir) {
        int exit = ClassificationCommands.train(new String[] {"--fine-tune", "--output", dir.resolve("x").toString()});

        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static Properties properties(Path models) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(models.resolve(ModelBundle.PROPERTIES))) {
            p.load(in);
        }
        return p;
    }

    /** A few rows in each public set's own format, so the readers and label mappings run as on the real files. */
    private static Path tinyDatasets(Path root) throws IOException {
        String[] off = {"@USER you are a useless idiot", "@USER shut up you pathetic liar", "what a fucking moron",
                "@USER go to hell you clown", "this is bullshit and you know it", "@USER you stupid bitch"};
        String[] not = {"@USER thanks for the update", "great game last night", "@USER I agree with you",
                "lovely weather today URL", "@USER see you at the meeting", "what time does it start?"};
        StringBuilder olid = new StringBuilder("id\ttweet\tsubtask_a\tsubtask_b\tsubtask_c\n");
        StringBuilder davidson = new StringBuilder(",count,hate_speech,offensive_language,neither,class,tweet\n");
        StringBuilder hatexplain = new StringBuilder("post_tokens,toxic_tokens,post_label\n");
        int id = 0;
        for (int copy = 0; copy < 4; copy++) {
            for (String t : off) {
                olid.append(id++).append('\t').append(t).append(" ").append(copy).append("\tOFF\tTIN\tIND\n");
                davidson.append(id).append(",3,0,3,0,1,\"").append(t).append(" d").append(copy).append("\"\n");
                hatexplain.append("\"['").append(t.replace(" ", "', '")).append("', 'h").append(copy)
                        .append("']\",[],offensive\n");
            }
            for (String t : not) {
                olid.append(id++).append('\t').append(t).append(" ").append(copy).append("\tNOT\tNULL\tNULL\n");
                davidson.append(id).append(",3,0,0,3,2,\"").append(t).append(" d").append(copy).append("\"\n");
                hatexplain.append("\"['").append(t.replace(" ", "', '")).append("', 'h").append(copy)
                        .append("']\",[],normal\n");
            }
        }
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.OLID), olid.toString());
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.DAVIDSON), davidson.toString());
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.HATEXPLAIN), hatexplain.toString());
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.KAGGLE),
                "Insult,Date,Comment\n1,,\"you idiot\"\n0,,\"nice one\"\n");
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.CYBERBULLYING),
                "tweet_text,cyberbullying_type\nyou are so ugly nobody likes you,age\nnice day,not_cyberbullying\n");
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.FORMSPRING),
                "userid\tpost\tques\tans\tasker\tans1\tseverity1\tbully1\tans2\tseverity2\tbully2\tans3"
                        + "\tseverity3\tbully3\r\n1\tQ: you are ugly A: no\t\t\t\tYes\t5\tugly\tYes\t5\tugly"
                        + "\tNo\t0\tn/a\r\n");
        write(root.resolve(uk.hallmonitor.classification.internal.Datasets.JIGSAW),
                "id,comment_text,toxic,severe_toxic,obscene,threat,insult,identity_hate\n1,you idiot,1,0,0,0,1,0\n");
        return root;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
