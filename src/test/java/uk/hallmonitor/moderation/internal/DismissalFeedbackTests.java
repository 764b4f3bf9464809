package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import uk.hallmonitor.classification.ModerationFeedback;

/**
 * A moderator's dismissal reaches the file the offline {@code retrain} command reads (the command side is covered
 * by {@code ModelRetrainingTests}): one path from the moderation API to the next model version.
 */
class DismissalFeedbackTests extends ModerationAppTestSupport {

    @Autowired
    ModerationFeedback trainingFile;

    @Value("${hallmonitor.store.data-dir}")
    String dataDir;

    @Test
    void aDismissedPostIsAppendedAsANotOffensiveExampleToTheFileRetrainReads() throws Exception {
        ActiveAccount school = activeAccount("X", "1201", null);
        String text = "idiot-proof parking plan for the fair, thanks " + UUID.randomUUID();
        String postId = arrive(school.schoolId(), school.accountId(), text);
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "DISMISS", "note", "praise, not abuse")).exchange()
                .expectStatus().isOk();

        // the service's file is the one retrain reads by default: <data-dir>/classification/feedback.tsv
        assertThat(trainingFile.file()).isEqualTo(Path.of(dataDir, "classification", "feedback.tsv"));
        List<String> lines = Files.readAllLines(trainingFile.file()).stream().filter(l -> l.endsWith(text)).toList();
        assertThat(lines).containsExactly("0\tNONE\t-\t" + text);
    }
}
