package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.AppTestSupport;

/** {@code /api/v1/watches}: validation, roles and school isolation through the whole application. */
class WatchesTests extends AppTestSupport {

    @BeforeEach
    void patientClient() {
        // the build machine is shared: allow slow answers rather than fail on a 5 s default
        web = web.mutate().responseTimeout(Duration.ofSeconds(60)).build();
    }

    static Map<String, Object> watch(String schoolId, Object platform, Object terms) {
        Map<String, Object> body = new HashMap<>();
        body.put("schoolId", schoolId);
        body.put("platform", platform);
        body.put("terms", terms);
        return body;
    }

    @SuppressWarnings("unchecked")
    String created(Person who, String school, String... terms) {
        return (String) as(who).post().uri("/api/v1/watches").bodyValue(watch(school, "BLUESKY", List.of(terms)))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTermsOfAWatchAreChangedBySltOnlyAndCheckedLikeThoseOfANewOne() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        Person staff = newStaff(school, "STAFF");
        String id = created(slt, school, "Oakfield");

        as(staff).put().uri("/api/v1/watches/{id}/terms", id).bodyValue(Map.of("terms", List.of("Oakfield Head")))
                .exchange().expectStatus().isForbidden();
        as(slt).put().uri("/api/v1/watches/{id}/terms", id).bodyValue(Map.of("terms", List.of("Oakfield", "x")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("terms[1]");
        Map<String, Object> changed = as(slt).put().uri("/api/v1/watches/{id}/terms", id)
                .bodyValue(Map.of("terms", List.of("Oakfield", "#OakfieldRocks"))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<String>) changed.get("terms")).containsExactly("Oakfield", "#OakfieldRocks");
        as(staff).get().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.terms[1]").isEqualTo("#OakfieldRocks");
    }

    @Test
    void sltCreateAWatchThatTheSchoolSeesWithItsTerms() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        Person staff = newStaff(school, "STAFF");

        as(slt).post().uri("/api/v1/watches")
                .bodyValue(watch(school, "bluesky", List.of("Hill School", " #HillSchool ", "hill school")))
                .exchange().expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.platform").isEqualTo("BLUESKY")
                .jsonPath("$.terms.length()").isEqualTo(2)
                .jsonPath("$.terms[1]").isEqualTo("#HillSchool")
                .jsonPath("$.createdBy").isEqualTo(slt.username());

        as(staff).get().uri("/api/v1/watches").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].schoolId").isEqualTo(school);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # platform, terms (| separated; EMPTY for none, BLANK for spaces),  field,  message part
            MYSPACE,    Hill School,                          platform,    unknown platform 'MYSPACE'
            ,           Hill School,                          platform,    name the platform
            X,          EMPTY,                                terms,       between 1 and 50
            X,          Hill School|a,                        terms[1],    2 to 100 characters
            X,          Hill School|BLANK,                    terms[1],    a term is empty
            """)
    void badWatchesAreRefusedNamingTheFieldAndNothingIsStored(String platform, String terms, String field,
                                                              String message) {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        List<String> list = terms.equals("EMPTY") ? List.of()
                : Arrays.stream(terms.split("\\|")).map(t -> t.equals("BLANK") ? "   " : t).toList();

        as(slt).post().uri("/api/v1/watches").bodyValue(watch(school, platform, list))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains(message));

        as(slt).get().uri("/api/v1/watches").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void tooManyOrTooLongTermsAndSecretsInTheConnectionAreRefused() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        List<String> many = new ArrayList<>(Collections.nCopies(51, "term"));
        as(slt).post().uri("/api/v1/watches").bodyValue(watch(school, "X", many)).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("terms");
        as(slt).post().uri("/api/v1/watches").bodyValue(watch(school, "X", List.of("x".repeat(101)))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("terms[0]");
        Map<String, Object> withSecret = watch(school, "RSS", List.of("Hill School"));
        withSecret.put("connection", Map.of("apiToken", "abc"));
        as(slt).post().uri("/api/v1/watches").bodyValue(withSecret).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("connection.apiToken");

        as(slt).get().uri("/api/v1/watches").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void onlyAdminsAndTheSchoolsSltManageWatches() {
        String school = newSchool();
        Person moderator = newStaff(school, "MODERATOR", "STAFF");
        Person slt = newStaff(school, "SLT");

        as(moderator).post().uri("/api/v1/watches").bodyValue(watch(school, "X", List.of("Hill School")))
                .exchange().expectStatus().isForbidden();
        String id = created(slt, school, "Hill School");
        as(moderator).delete().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isForbidden();
        admin().post().uri("/api/v1/watches").bodyValue(watch(school, "X", List.of("Hill Head")))
                .exchange().expectStatus().isCreated();

        as(slt).delete().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isNoContent();
        as(moderator).get().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isNotFound();
        as(moderator).get().uri("/api/v1/watches").exchange().expectBody().jsonPath("$.total").isEqualTo(1);
    }

    @Test
    void anotherSchoolsWatchesAreNotFound() {
        String mine = newSchool();
        String theirs = newSchool();
        Person mySlt = newStaff(mine, "SLT");
        Person theirSlt = newStaff(theirs, "SLT");
        String theirWatch = created(theirSlt, theirs, "Other School");

        as(mySlt).get().uri("/api/v1/watches/{id}", theirWatch).exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
        as(mySlt).delete().uri("/api/v1/watches/{id}", theirWatch).exchange().expectStatus().isNotFound();
        as(mySlt).get().uri("/api/v1/watches?schoolId={s}", theirs).exchange().expectStatus().isNotFound();
        as(mySlt).post().uri("/api/v1/watches").bodyValue(watch(theirs, "X", List.of("Other School")))
                .exchange().expectStatus().isNotFound();
        as(mySlt).get().uri("/api/v1/watches").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
        as(theirSlt).get().uri("/api/v1/watches/{id}", theirWatch).exchange().expectStatus().isOk();
    }

    @Test
    void watchesNeedALogin() {
        web.get().uri("/api/v1/watches").exchange().expectStatus().isUnauthorized();
    }
}
