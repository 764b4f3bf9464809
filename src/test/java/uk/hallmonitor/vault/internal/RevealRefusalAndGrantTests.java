package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/**
 * Issue 14, findings 2, 9 and 10 through the API: who may grant the senior roles, when a head teacher may break the
 * glass and who hears of it, that every refused reveal is audited, and that a weak secret is answered with the
 * policy's verdict.
 */
class RevealRefusalAndGrantTests extends AppTestSupport {

    @Test
    void sltCannotGrantSltHeadteacherOrDslAndTheRefusalIsAudited() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");

        for (String role : List.of("HEADTEACHER", "SLT", "DSL")) {
            String username = "minted" + role.toLowerCase() + System.nanoTime() % 100000;
            as(slt).post().uri("/api/v1/staff")
                    .bodyValue(Map.of("schoolId", school, "name", "New " + role, "email", username + "@school.test",
                            "username", username, "password", "pass-minted1", "roles", List.of("STAFF", role)))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentType("application/problem+json")
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("administrator"));
            as(username, "pass-minted1").get().uri("/api/v1/staff/me").exchange().expectStatus().isUnauthorized();
        }
        as(slt).post().uri("/api/v1/staff")
                .bodyValue(Map.of("schoolId", school, "name", "Teacher", "email", "t" + System.nanoTime() + "@s.test",
                        "username", "teacher" + System.nanoTime() % 100000, "password", "pass-teach1",
                        "roles", List.of("STAFF", "MODERATOR")))
                .exchange().expectStatus().isCreated();
        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", school).exchange().expectStatus().isOk()
                .expectBody(String.class).value(audit -> assertThat(audit).contains("staff.grant-refused"));
    }

    @Test
    void aNewHeadTeacherCannotBreakTheGlassForADayAndTheRefusalIsAudited() {
        ActiveAccount account = activeAccount("X", "3001", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Winter2026-fresh")).exchange().expectStatus().isNoContent();
        Person head = newStaff(account.schoolId(), "HEADTEACHER");

        as(head).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "just appointed")).exchange()
                .expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("24 hours")
                        .doesNotContain("Winter2026-fresh"));
        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", account.schoolId()).exchange()
                .expectBody(String.class).value(audit -> assertThat(audit).contains("credential.reveal-refused")
                        .doesNotContain("credential.break-glass"));

        clock.advance(Duration.ofHours(24).plusMinutes(1));
        as(head).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "runner locked out")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("Winter2026-fresh");
    }

    @Test
    @SuppressWarnings("unchecked")
    void breakGlassAlertsTheAdministratorsAndTheSchoolsSlt() {
        ActiveAccount account = activeAccount("X", "3002", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Winter2026-alert")).exchange().expectStatus().isNoContent();
        Person head = newStaff(account.schoolId(), "HEADTEACHER");
        clock.advance(Duration.ofHours(25));

        as(head).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "runner locked out")).exchange().expectStatus().isOk();

        String adminId = (String) admin().get().uri("/api/v1/staff/me").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> page = admin().get().uri("/api/v1/alerts?schoolId={s}&size=200", account.schoolId())
                    .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
            List<String> told = ((List<Map<String, Object>>) page.get("items")).stream()
                    .filter(alert -> "Break-glass use of a credential".equals(alert.get("subject")))
                    .map(alert -> (String) alert.get("recipientStaffId")).distinct().toList();
            assertThat(told).contains(adminId, account.slt().id(), account.dsl().id()).doesNotContain(head.id());
        });
    }

    @Test
    void aRunnersRefusedRevealIsAudited() {
        ActiveAccount account = activeAccount("X", "3003", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Winter2026-runner")).exchange().expectStatus().isNoContent();

        as(account.runner1()).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "posting")).exchange().expectStatus().isForbidden();

        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", account.schoolId()).exchange()
                .expectBody(String.class).value(audit -> assertThat(audit).contains("credential.reveal-refused")
                        .contains(account.runner1().username()));
    }

    @Test
    void aWeakPasswordIsStoredWithThePolicyVerdictInTheAnswerAndTheMetadata() {
        ActiveAccount account = activeAccount("X", "3004", null);

        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "abc")).exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("Hallmonitor-Secret-Policy", "FAILED")
                .expectHeader().value("Hallmonitor-Secret-Policy-Reasons", r -> assertThat(r).contains("8"));
        admin().put().uri("/api/v1/accounts/{id}/credentials/password2", account.accountId())
                .bodyValue(Map.of("secret", "Strong2026-pass", "kind", "PASSWORD")).exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("Hallmonitor-Secret-Policy", "PASSED")
                .expectHeader().doesNotExist("Hallmonitor-Secret-Policy-Reasons");
        admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectBody().jsonPath("$.items[?(@.name == 'password')].policy.result").isEqualTo("FAILED");
    }
}
