package uk.hallmonitor.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import uk.hallmonitor.classification.internal.Datasets;
import uk.hallmonitor.classification.internal.LabelledText;

class ModerationFeedbackTests {

    @Test
    void correctionsBecomeLabelledExamplesTheTrainerCanRead(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("feedback.tsv");
        ModerationFeedback feedback = new ModerationFeedback(file);

        StepVerifier.create(feedback.record("we killed it\ton Saturday\nwell done", false, Set.of(), Intent.PRAISE))
                .verifyComplete();
        StepVerifier.create(feedback.record("you idiot", true, List.of(Category.ABUSE, Category.BULLYING), null))
                .verifyComplete();

        List<LabelledText> rows = Datasets.corpus(file, "feedback");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).text()).isEqualTo("we killed it\ton Saturday\nwell done");
        assertThat(rows.get(0).offensive()).isEqualTo("NOT");
        assertThat(rows.get(0).intent()).isEqualTo("PRAISE");
        assertThat(rows.get(1).offensive()).isEqualTo("OFF");
        assertThat(rows.get(1).category()).isEqualTo("ABUSE");
        assertThat(Files.readAllLines(file).get(1)).startsWith("1\tABUSE,BULLYING\t-\t");
    }
}
