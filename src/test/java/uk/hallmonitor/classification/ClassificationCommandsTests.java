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
        assertThat(lines).allMatch(line -> line.matches("[01]\\t[0-9]\\.[0-9]{4}\\t[A-Z_,]*"));
        assertThat(lines.get(0)).startsWith("1\t").contains("ABUSE");
        assertThat(lines.get(1)).startsWith("0\t").endsWith("\t");
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
                active.toString(), "--corpus", corpus.toString(), "--iterations", "40", "--cutoff", "1"});

        assertThat(exit).isIn(0, 3);
        String version = ModelBundle.load(active).version();
        assertThat(version.endsWith("retrained")).isEqualTo(exit == 0);
    }
}
