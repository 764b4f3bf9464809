package uk.hallmonitor.classification.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** {@code POST /api/v1/classify} with the shipped models. */
class ClassifyEndpointTests extends AppTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void anyLoggedInUserGetsAVerdict() {
        Person staff = newStaff(newSchool(), "STAFF");
        Map<String, Object> verdict = as(staff).post().uri("/api/v1/classify")
                .bodyValue(Map.of("text", "ring her on 07700 900123 and tell her what you think"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(verdict).containsKeys("offensive", "score", "categories", "severity", "safeguarding",
                "suspectedIllegal", "intent", "language", "modelVersion", "explanation");
        assertThat((List<Map<String, Object>>) verdict.get("categories"))
                .anyMatch(c -> c.get("name").equals("PERSONAL_DATA") && c.containsKey("score"));
        assertThat((String) verdict.get("modelVersion")).startsWith("hm-");
    }

    @Test
    void aParentsQuestionIsNotOffensive() {
        Person staff = newStaff(newSchool(), "GOVERNOR");
        as(staff).post().uri("/api/v1/classify")
                .bodyValue(Map.of("text", "Is the school open on Monday after the snow?"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.offensive").isEqualTo(false).jsonPath("$.language").isEqualTo("en");
    }

    @Test
    void strangersAreNotLetIn() {
        // without credentials the CSRF check (browser sessions) or the login check refuses the call
        web.post().uri("/api/v1/classify").bodyValue(Map.of("text", "hello")).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(401, 403));
        as("admin", "wrong-password").post().uri("/api/v1/classify").bodyValue(Map.of("text", "hello")).exchange()
                .expectStatus().isUnauthorized();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing text  | {}
            null text     | {"text":null}
            blank text    | {"text":"   "}
            """)
    void missingTextIsAProblemNamingTheField(String name, String json) {
        admin().post().uri("/api/v1/classify").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
    }

    @Test
    void oversizedTextIsAProblemNamingTheField() {
        admin().post().uri("/api/v1/classify").bodyValue(Map.of("text", "x".repeat(10_001))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text")
                .jsonPath("$.errors[0].message").isEqualTo("at most 10000 characters");
    }
}
