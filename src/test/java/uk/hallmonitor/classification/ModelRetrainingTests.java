package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.hallmonitor.classification.internal.LabelledText;
import uk.hallmonitor.classification.internal.ModelBundle;

class ModelRetrainingTests {

    private static final List<LabelledText> HELD_OUT = List.of(
            new LabelledText("you useless idiot", "OFF", null, null, "test"),
            new LabelledText("what a pathetic loser", "OFF", null, null, "test"),
            new LabelledText("thank you for the concert", "NOT", null, null, "test"),
            new LabelledText("is school open tomorrow?", "NOT", null, null, "test"));

    @Test
    void aCandidateThatIsWorseOnTheHeldOutSplitIsNotSwitchedOn() {
        ModelBundle good = TinyModels.train();
        ModelBundle bad = flipped();

        ModelRetraining.Decision decision = ModelRetraining.compare(good, bad, HELD_OUT);

        assertThat(decision.switchOn()).isFalse();
        assertThat(decision.candidateMacroF1()).isLessThan(decision.currentMacroF1());
        assertThat(ModelRetraining.compare(good, good, HELD_OUT).switchOn()).isTrue();
    }

    @Test
    void retrainTrainsOnTheFeedbackFileInstallsTheBetterVersionAndTheServiceSwitchesToIt(@TempDir Path dir)
            throws IOException {
        Path corpus = dir.resolve("corpus.tsv");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String padding = " ".repeat(i);
            TinyModels.CORPUS.lines().forEach(line -> lines.add(line + padding));
        }
        Files.write(corpus, lines);
        // what the service appended when a moderator dismissed a post (see DismissalFeedbackTests)
        Path feedback = dir.resolve("feedback.tsv");
        new ModerationFeedback(feedback).record("idiot-proof parking plan, thank you", false, List.of(), null).block();
        Path models = dir.resolve("models");
        ModelBundle installed = flipped();
        installed.save(models, new Properties());
        OpenNlpPostClassifier service = new OpenNlpPostClassifier(ModelBundle.load(models),
                ClassificationProperties.defaults());
        String before = service.modelVersion();

        int exit = ClassificationCommands.retrain(new String[] {"--feedback", feedback.toString(), "--models",
                models.toString(), "--corpus", corpus.toString(), "--maxent", "MAXENT", "--iterations", "40",
                "--cutoff", "1"});

        assertThat(exit).isZero();
        Properties trained = new Properties();
        try (InputStream in = Files.newInputStream(models.resolve(ModelBundle.PROPERTIES))) {
            trained.load(in);
        }
        assertThat(trained.getProperty("trained.feedback")).isEqualTo("1");
        assertThat(trained.getProperty("version")).isNotEqualTo(before);

        assertThat(new InstalledModels(service, models, Duration.ofMinutes(1)).check()).isTrue();
        Verdict verdict = service.classify("thank you for the concert");
        assertThat(verdict.modelVersion()).isEqualTo(trained.getProperty("version"));
        assertThat(new InstalledModels(service, models, Duration.ofMinutes(1)).check()).isFalse();
    }

    @Test
    void aCandidateThatNeverSawThePublicSetsTheCurrentVersionSawIsNotInstalled(@TempDir Path dir)
            throws IOException {
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, TinyModels.CORPUS.repeat(3));
        Path feedback = dir.resolve("feedback.tsv");
        Files.writeString(feedback, "0\tNONE\t-\tidiot-proof parking plan, thank you\n");
        Path models = dir.resolve("models");
        Properties trainedOn = new Properties();
        trainedOn.setProperty("trained.sources", "corpus,davidson,olid");
        ModelBundle current = flipped();
        current.save(models, trainedOn);

        int exit = ClassificationCommands.retrain(new String[] {"--feedback", feedback.toString(), "--models",
                models.toString(), "--corpus", corpus.toString(), "--maxent", "MAXENT", "--iterations", "20"});

        assertThat(exit).isEqualTo(3);
        assertThat(ModelBundle.load(models).version()).isEqualTo(current.version());
    }

    @Test
    void retrainWithoutAFeedbackFileSaysWhereItLooked(@TempDir Path dir) {
        int exit = ClassificationCommands.retrain(new String[] {"--feedback", dir.resolve("none.tsv").toString()});

        assertThat(exit).isEqualTo(2);
    }

    /** Trained on flipped labels: it calls the abuse harmless and the praise abusive. */
    private static ModelBundle flipped() {
        return TinyModels.train(TinyModels.CORPUS.lines()
                .map(line -> (line.startsWith("1") ? "0" : "1") + line.substring(1))
                .reduce("", (a, b) -> a + b + "\n"));
    }
}
