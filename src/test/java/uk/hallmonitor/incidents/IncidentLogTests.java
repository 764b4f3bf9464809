package uk.hallmonitor.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import uk.hallmonitor.moderation.IncidentDesk;
import uk.hallmonitor.moderation.IncidentRequest;
import uk.hallmonitor.moderation.internal.ModerationAppTestSupport;

/** The incident log's workflow, rules and isolation through the API. */
class IncidentLogTests extends ModerationAppTestSupport {

    @Autowired
    IncidentDesk desk;

    @Test
    void anIncidentMovesFromOpenToClosedOnlyWithAnOutcomeAndKeepsItsTrail() {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");
        Person slt = newStaff(school, "SLT");
        String id = open(dsl, school, Map.of("category", "BULLYING", "severity", "HIGH", "owner", dsl.id(),
                "postIds", List.of(storedPost(school)), "notes", "pupil targeted in replies"));

        transition(slt, id, Map.of("to", "ASSESSED", "note", "spoke to the form tutor")).isOk();
        transition(dsl, id, Map.of("to", "ACTIONED")).isOk();
        transition(dsl, id, Map.of("to", "CLOSED")).isBadRequest();
        as(dsl).get().uri("/api/v1/incidents/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("ACTIONED");
        transition(dsl, id, Map.of("to", "CLOSED", "outcome", "parents met; posts removed")).isOk();
        transition(dsl, id, Map.of("to", "OPEN")).isEqualTo(409);

        as(slt).get().uri("/api/v1/incidents/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("CLOSED")
                .jsonPath("$.outcome").isEqualTo("parents met; posts removed")
                .jsonPath("$.owner").isEqualTo(dsl.id())
                .jsonPath("$.trail.length()").isEqualTo(4)
                .jsonPath("$.trail[1].actor").isEqualTo(slt.username())
                .jsonPath("$.trail[3].to").isEqualTo("CLOSED")
                .jsonPath("$.notes.length()").isEqualTo(2);
    }

    @Test
    void aDslCannotLinkAnotherSchoolsPostsIntoTheirIncident() {
        String schoolA = newSchool();
        String schoolB = newSchool();
        String postOfA = storedPost(schoolA);
        String postOfB = storedPost(schoolB);
        Person dslOfB = newStaff(schoolB, "DSL");

        as(dslOfB).post().uri("/api/v1/incidents").bodyValue(Map.of("category", "BULLYING", "severity", "HIGH",
                "postIds", List.of(postOfB, postOfA, "no-such-post")))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("postIds[1]")
                .jsonPath("$.errors[1].field").isEqualTo("postIds[2]");
        as(dslOfB).get().uri("/api/v1/incidents").exchange().expectBody().jsonPath("$.total").isEqualTo(0);

        as(dslOfB).post().uri("/api/v1/incidents").bodyValue(Map.of("category", "BULLYING", "severity", "HIGH",
                "postIds", List.of(postOfB)))
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.postIds[0]").isEqualTo(postOfB);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            no category,      '',       HIGH,   category
            unknown severity, BULLYING, AWFUL,  severity
            """)
    void badIncidentsAreRefusedNamingTheField(String name, String category, String severity, String field) {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");

        as(dsl).post().uri("/api/v1/incidents").bodyValue(Map.of("category", category, "severity", severity))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        as(dsl).get().uri("/api/v1/incidents").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void anOwnerFromAnotherSchoolIsRefused() {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");
        Person stranger = newStaff(newSchool(), "DSL");

        as(dsl).post().uri("/api/v1/incidents").bodyValue(Map.of("category", "HATE", "severity", "LOW",
                "owner", stranger.id())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("owner");
    }

    @Test
    void otherSchoolsGet404AndModeratorsAre403() {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");
        Person moderator = newStaff(school, "MODERATOR");
        Person otherDsl = newStaff(newSchool(), "DSL");
        String id = open(dsl, school, Map.of("category", "THREAT", "severity", "CRITICAL"));

        as(otherDsl).get().uri("/api/v1/incidents/{id}", id).exchange().expectStatus().isNotFound();
        as(otherDsl).post().uri("/api/v1/incidents/{id}/transitions", id).bodyValue(Map.of("to", "ASSESSED"))
                .exchange().expectStatus().isNotFound();
        as(otherDsl).get().uri("/api/v1/incidents").exchange().expectBody()
                .jsonPath("$.items[?(@.id == '" + id + "')]").isEmpty();
        as(moderator).get().uri("/api/v1/incidents/{id}", id).exchange().expectStatus().isForbidden();
        as(moderator).post().uri("/api/v1/incidents").bodyValue(Map.of("category", "X", "severity", "LOW"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void notesAreAddedToTheIncidentAndItsTrail() {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");
        String id = open(dsl, school, Map.of("category", "SELF_HARM", "severity", "HIGH"));

        as(dsl).post().uri("/api/v1/incidents/{id}/notes", id).bodyValue(Map.of("text", "called the parent"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.notes[0].text").isEqualTo("called the parent")
                .jsonPath("$.trail[1].action").isEqualTo("note");
        as(dsl).post().uri("/api/v1/incidents/{id}/notes", id).bodyValue(Map.of("text", "y".repeat(2_001)))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
    }

    @Test
    void openingTwiceForTheSameSourceGivesOneIncident() {
        String school = newSchool();
        IncidentRequest request = new IncidentRequest("post:abc:escalated", school, "ABUSE", "MEDIUM",
                List.of("abc"), "moderator1", "escalated");

        String first = desk.open(request).block();
        String second = desk.open(request).block();

        assertThat(second).isEqualTo(first);
        assertThat(first).matches("INC-\\d{4}-\\d{6}");
    }

    private String open(Person by, String school, Map<String, Object> body) {
        Map<String, Object> withSchool = new java.util.HashMap<>(body);
        withSchool.put("schoolId", school);
        return (String) as(by).post().uri("/api/v1/incidents").bodyValue(withSchool).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    private org.springframework.test.web.reactive.server.StatusAssertions transition(Person by, String id,
                                                                                     Map<String, Object> body) {
        return as(by).post().uri("/api/v1/incidents/{id}/transitions", id).bodyValue(body).exchange().expectStatus();
    }
}
