package uk.hallmonitor.schools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** Staff records, logins, tokens, throttling and leavers. */
class StaffAndSecurityTests extends AppTestSupport {

    @Test
    void staffRecordsNeverShowAPasswordOrItsHash() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        String body = admin().get().uri("/api/v1/staff/{id}", person.id()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).doesNotContain(person.password()).doesNotContain("passwordHash").doesNotContain("$2a$");
    }

    @ParameterizedTest(name = "password \"{0}\" is refused")
    @CsvSource(textBlock = """
            short1
            longbutnodigits
            """)
    void passwordsMustMeetThePolicy(String password) {
        String school = newSchool();
        admin().post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school, "name", "A", "email", "a@b.test",
                "username", "weak" + password.length() + school.substring(0, 6), "password", password,
                "roles", List.of("STAFF")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
    }

    @Test
    void usernamesAreUnique() {
        String school = newSchool();
        Person first = newStaff(school, "STAFF");
        admin().post().uri("/api/v1/staff").bodyValue(Map.of("schoolId", school, "name", "B", "email", "b@b.test",
                "username", first.username().toUpperCase(), "password", "another-pass1", "roles", List.of("STAFF")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
    }

    @Test
    void sltAddStaffToTheirOwnSchoolOnlyAndCannotGrantAdmin() {
        String school = newSchool();
        String other = newSchool();
        Person slt = newStaff(school, "SLT");
        Map<String, Object> person = Map.of("schoolId", school, "name", "New", "email", "n@b.test",
                "username", "new" + school.substring(0, 8), "password", "new-pass-1", "roles", List.of("STAFF"));
        as(slt).post().uri("/api/v1/staff").bodyValue(person).exchange().expectStatus().isCreated();
        Map<String, Object> elsewhere = new java.util.HashMap<>(person);
        elsewhere.put("schoolId", other);
        elsewhere.put("username", "else" + school.substring(0, 8));
        as(slt).post().uri("/api/v1/staff").bodyValue(elsewhere).exchange().expectStatus().isNotFound();
        Map<String, Object> admin = new java.util.HashMap<>(person);
        admin.put("username", "adm" + school.substring(0, 8));
        admin.put("roles", List.of("ADMIN"));
        as(slt).post().uri("/api/v1/staff").bodyValue(admin).exchange().expectStatus().isForbidden();
        Person staff = newStaff(school, "STAFF");
        as(staff).post().uri("/api/v1/staff").bodyValue(person).exchange().expectStatus().isForbidden();
    }

    @Test
    void anAcknowledgementCanBeSignedByThePersonButTrainingOnlyRecordedBySlt() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        as(person).post().uri("/api/v1/staff/{id}/acknowledgements", person.id())
                .bodyValue(Map.of("policyVersion", "2026", "signedOn", "2026-11-01")).exchange().expectStatus()
                .isCreated()
                .expectBody().jsonPath("$.current.acknowledgement").isEqualTo(true)
                .jsonPath("$.current.training").isEqualTo(false);
        as(person).post().uri("/api/v1/staff/{id}/training", person.id())
                .bodyValue(Map.of("course", "x", "completedOn", "2026-11-01")).exchange().expectStatus().isForbidden();
        Person slt = newStaff(school, "SLT");
        as(slt).post().uri("/api/v1/staff/{id}/training", person.id())
                .bodyValue(Map.of("course", "Online safety", "completedOn", "2026-11-01")).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.training[0].expiresOn").isEqualTo("2027-11-01")
                .jsonPath("$.current.training").isEqualTo(true);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            signed in the future   | acknowledgements | {"policyVersion":"1","signedOn":"2030-01-01"}                 | signedOn
            bad date               | acknowledgements | {"policyVersion":"1","signedOn":"yesterday"}                 | signedOn
            no version             | acknowledgements | {"signedOn":"2026-01-01"}                                    | policyVersion
            expiry before done     | training         | {"course":"c","completedOn":"2026-01-01","expiresOn":"2025-01-01"} | expiresOn
            no course              | training         | {"completedOn":"2026-01-01"}                                 | course
            """)
    void badRecordsAreRefused(String name, String path, String json, String field) {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        admin().post().uri("/api/v1/staff/{id}/" + path, person.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        admin().get().uri("/api/v1/staff/{id}", person.id()).exchange().expectBody()
                .jsonPath("$.acknowledgements.length()").isEqualTo(0).jsonPath("$.training.length()").isEqualTo(0);
    }

    @Test
    void aLeaverLosesAccessAtOnceAndTheirAccountsNeedRunners() {
        ActiveAccount account = activeAccount("X", "12345", null);
        String token = (String) as(account.runner1()).post().uri("/api/v1/staff/me/tokens")
                .bodyValue(Map.of("name", "script")).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("token");
        web.get().uri("/api/v1/schools").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk();
        as(account.slt()).get().uri("/api/v1/accounts/{id}", account.accountId()).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE");

        as(account.slt()).post().uri("/api/v1/staff/{id}/leave", account.runner1().id()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);

        as(account.runner1()).get().uri("/api/v1/schools").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/schools").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized();
        as(account.slt()).get().uri("/api/v1/accounts/{id}", account.accountId()).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("NEEDS_RUNNER")
                .jsonPath("$.runnerIds.length()").isEqualTo(1);
        as(account.slt()).post().uri("/api/v1/staff/{id}/leave", account.runner1().id()).exchange()
                .expectStatus().isEqualTo(409);
    }

    @Test
    void personalTokensAuthenticateAndCanBeRevoked() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        Map<?, ?> issued = as(person).post().uri("/api/v1/staff/me/tokens").bodyValue(Map.of("name", "ci"))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String token = (String) issued.get("token");
        assertThat(token).startsWith("hm_");
        web.get().uri("/api/v1/staff/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(person.username())
                .jsonPath("$.tokens[0].name").isEqualTo("ci")
                .jsonPath("$.tokens[0].hash").doesNotExist();
        as(person).delete().uri("/api/v1/staff/me/tokens/{id}", issued.get("id")).exchange().expectStatus()
                .isNoContent();
        web.get().uri("/api/v1/staff/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/v1/staff/me").header(HttpHeaders.AUTHORIZATION, "Bearer hm_made_up").exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void repeatedFailedLoginsAreThrottled() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        for (int i = 0; i < 5; i++) {
            as(person.username(), "wrong-pass-" + i).get().uri("/api/v1/schools").exchange()
                    .expectStatus().isUnauthorized();
        }
        as(person).get().uri("/api/v1/schools").exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("too many"));
        clock.advance(java.time.Duration.ofMinutes(16));
        as(person).get().uri("/api/v1/schools").exchange().expectStatus().isOk();
    }

    @Test
    void unauthenticatedApiCallsGetAProblem() {
        web.get().uri("/api/v1/schools").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/actuator/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
    }

    @Test
    void browserSessionsNeedACsrfTokenButBasicAuthDoesNot() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        // a browser session: log in with the form, then post without a CSRF token
        var login = web.get().uri("/login").exchange().expectStatus().isOk().returnResult(String.class);
        String page = login.getResponseBody().collectList().block().stream().reduce("", String::concat);
        String csrf = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        String sessionCookie = login.getResponseCookies().getFirst("SESSION").getValue();
        var loggedIn = web.post().uri("/login").cookie("SESSION", sessionCookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + slt.username() + "&password=" + slt.password() + "&_csrf=" + csrf)
                .exchange().expectStatus().is3xxRedirection().returnResult(Void.class);
        var newCookie = loggedIn.getResponseCookies().getFirst("SESSION");
        String session = newCookie == null ? sessionCookie : newCookie.getValue();
        assertThat(newCookie == null || newCookie.isHttpOnly()).isTrue();
        web.get().uri("/api/v1/schools").cookie("SESSION", session).exchange().expectStatus().isOk();
        web.post().uri("/api/v1/staff/me/tokens").cookie("SESSION", session).bodyValue(Map.of("name", "x"))
                .exchange().expectStatus().isForbidden();
        as(slt).post().uri("/api/v1/staff/me/tokens").bodyValue(Map.of("name", "x")).exchange().expectStatus()
                .isCreated();
    }
}
