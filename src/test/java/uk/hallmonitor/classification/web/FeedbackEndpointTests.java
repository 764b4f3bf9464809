package uk.hallmonitor.classification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.classification.ModerationFeedback;
import uk.hallmonitor.classification.internal.Datasets;
import uk.hallmonitor.classification.internal.LabelledText;

/** {@code POST /api/v1/classify/feedback}: missed posts and wrong categories become examples for {@code retrain}. */
class FeedbackEndpointTests extends AppTestSupport {

    @Autowired
    ModerationFeedback feedback;

    @Test
    void aModeratorsReportOfAMissedPostReachesTheRetrainingFileAsALabelledExample() throws IOException {
        Person moderator = newStaff(newSchool(), "MODERATOR");
        String text = "shame if something happened to your car, mr " + UUID.randomUUID();

        as(moderator).post().uri("/api/v1/classify/feedback")
                .bodyValue(Map.of("kind", "MISSED", "text", text, "postId", "p-1", "categories", List.of("THREAT")))
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.offensive").isEqualTo(true).jsonPath("$.duplicate").isEqualTo(false)
                .jsonPath("$.categories[0]").isEqualTo("THREAT");

        // read back as retrain reads it
        List<LabelledText> examples = Datasets.corpus(feedback.file(), "feedback");
        assertThat(examples).anySatisfy(e -> {
            assertThat(e.text()).isEqualTo(text);
            assertThat(e.offensive()).isEqualTo("OFF");
            assertThat(e.categories()).containsExactly("THREAT");
        });
    }

    @Test
    void aCorrectedCategoryOfSelfHarmIsRecordedAsNotOffensiveAndARepeatAddsNothing() throws IOException {
        Person dsl = newStaff(newSchool(), "DSL");
        String text = "giving my games away cos i wont need them " + UUID.randomUUID();
        Map<String, Object> body = Map.of("kind", "WRONG_CATEGORY", "text", text, "categories", List.of("SELF_HARM"),
                "intent", "OTHER");

        as(dsl).post().uri("/api/v1/classify/feedback").bodyValue(body).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.offensive").isEqualTo(false).jsonPath("$.duplicate").isEqualTo(false);
        as(dsl).post().uri("/api/v1/classify/feedback").bodyValue(body).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.duplicate").isEqualTo(true);

        assertThat(Files.readAllLines(feedback.file()).stream().filter(l -> l.endsWith(text)))
                .containsExactly("0\tSELF_HARM\tOTHER\t" + text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no kind          | kind       | {"text":"a post","categories":["THREAT"]}
            unknown kind     | kind       | {"kind":"WRONG","text":"a post","categories":["THREAT"]}
            no text          | text       | {"kind":"MISSED","categories":["THREAT"]}
            blank text       | text       | {"kind":"MISSED","text":"  ","categories":["THREAT"]}
            no categories    | categories | {"kind":"MISSED","text":"a post","categories":[]}
            unknown category | categories | {"kind":"MISSED","text":"a post","categories":["RUDE"]}
            unknown intent   | intent     | {"kind":"MISSED","text":"a post","categories":["ABUSE"],"intent":"RANT"}
            """)
    void badInputIsAProblemNamingTheFieldAndRecordsNothing(String name, String field, String json) throws IOException {
        long before = Files.exists(feedback.file()) ? Files.readAllLines(feedback.file()).size() : 0;

        admin().post().uri("/api/v1/classify/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field.strip());

        long after = Files.exists(feedback.file()) ? Files.readAllLines(feedback.file()).size() : 0;
        assertThat(after).isEqualTo(before);
    }

    @Test
    void staffWhoDoNotModerateCannotCorrectTheClassifier() {
        Person governor = newStaff(newSchool(), "GOVERNOR");
        as(governor).post().uri("/api/v1/classify/feedback")
                .bodyValue(Map.of("kind", "MISSED", "text", "a post", "categories", List.of("ABUSE")))
                .exchange().expectStatus().isForbidden();
    }
}
