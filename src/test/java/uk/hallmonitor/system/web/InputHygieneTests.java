package uk.hallmonitor.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** Request bodies are read strictly and text is checked and made canonical at the edge, through the API. */
class InputHygieneTests extends AppTestSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # body sent to POST /api/v1/schools                         | field refused
            {"name": true}                                              | name
            {"name": 1e999}                                             | name
            {"name": 12}                                                | name
            {"name": "A school", "name": "Another"}                     | name
            {"name": "Oak\\u0000 School"}                                | name
            {"name": "Oak\\u0007 School"}                                | name
            {"name": "@x\\ud800"}                                        | name
            {"name": "\\udc00 School"}                                   | name
            {"name": "\\u200b\\u200f\\u00a0\\u202e\\ufeff"}               | name
            {"name": {"$ne": "x"}}                                      | name
            """)
    void sloppyOrUnsafeTextIsA400NamingTheFieldAndNothingIsStored(String json, String field) {
        long before = schoolCount();
        admin().post().uri("/api/v1/schools").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        assertThat(schoolCount()).isEqualTo(before);
    }

    @Test
    void rolesAreReadByNameOnly() {
        String school = newSchool();
        String body = """
                {"schoolId":"%s","name":"Numbered Role","email":"nr@school.test","username":"numbered-role-1",
                 "password":"pass-numbered-1","roles":[1]}""".formatted(school);
        admin().post().uri("/api/v1/staff").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").value(f -> assertThat((String) f).startsWith("roles"))
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("SLT"));
    }

    @Test
    void textIsTrimmedOfInvisibleCharactersAndNormalisedToNfc() {
        // "Cafe" with a combining acute accent (NFD), between a no-break space and a zero-width space
        admin().post().uri("/api/v1/schools").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"\\u00a0 Cafe\\u0301 School\\u200b \"}")
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.name").isEqualTo("Caf\u00e9 School");
    }

    @Test
    void passwordsAreTakenExactlyAsSent() {
        String school = newSchool();
        admin().post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school, "name", "Spaced Password",
                "email", "sp@school.test", "username", "spaced-pass-1", "password", " pass word 1 ",
                "roles", List.of("STAFF")))
                .exchange().expectStatus().isCreated();
        as("spaced-pass-1", " pass word 1 ").get().uri("/api/v1/staff/me").exchange().expectStatus().isOk();
    }

    @Test
    void aPageFarPastTheEndIsA400NotTheFirstPage() {
        for (String path : new String[] {"/api/v1/audit?page=2147483647", "/api/v1/staff?page=2147483647&size=10",
                "/api/v1/incidents?page=2147483647"}) {
            admin().get().uri(path).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("page");
        }
        admin().get().uri("/api/v1/audit?page=1000").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items.length()").isEqualTo(0);
    }

    @Test
    void aHandleSpellingThePagePlaceholderIsShownAsTextNotAsTheCsrfField() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        as(applicant).post().uri("/api/v1/applications").bodyValue(Map.of("schoolId", school, "platform", "X",
                "handle", "@a%CSRF%b", "aim", "News", "audience", "Parents", "promotion", "Newsletter",
                "runnerIds", List.of(applicant.id(), runner.id()), "visibility", "OPEN"))
                .exchange().expectStatus().isCreated();
        String page = as(applicant).get().uri("/ui/applications").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        // the Thymeleaf page shows it as typed; the string-built pages escape the percent signs
        assertThat(page).containsAnyOf("@a%CSRF%b", "@a&#37;CSRF&#37;b");
        assertThat(page).doesNotContain("@a<input");
    }

    @SuppressWarnings("unchecked")
    private long schoolCount() {
        return admin().get().uri("/api/v1/schools").exchange().expectStatus().isOk()
                .expectBody(List.class).returnResult().getResponseBody().size();
    }
}
