package uk.hallmonitor.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** The account register (R2): activation, transfer, closure, dormant review. */
class AccountLifecycleTests extends AppTestSupport {

    @Test
    void onlyAnAdministratorActivatesAndSecretsAreRefusedInTheConnection() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String application = submittedApplication(applicant, applicant, runner);
        as(slt).post().uri("/api/v1/applications/{id}/approve", application).bodyValue(Map.of()).exchange()
                .expectStatus().isOk();
        String account = accountOf(school);

        as(slt).post().uri("/api/v1/accounts/{id}/activate", account).bodyValue(Map.of("platformAccountId", "1"))
                .exchange().expectStatus().isForbidden();
        admin().post().uri("/api/v1/accounts/{id}/activate", account)
                .bodyValue(Map.of("platformAccountId", "1", "connection", Map.of("accessToken", "abc")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("connection.accessToken")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("vault"));
        admin().post().uri("/api/v1/accounts/{id}/activate", account)
                .bodyValue(Map.of("platformAccountId", "1", "connection", Map.of("baseUrl", "ftp://x")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("connection.baseUrl");
        admin().post().uri("/api/v1/accounts/{id}/activate", account).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"platformAccountId\":\"1\",\"connection\":{\"$where\":\"1\"}}")
                .exchange().expectStatus().isBadRequest();
        as(slt).get().uri("/api/v1/accounts/{id}", account).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("PROVISIONING");

        admin().post().uri("/api/v1/accounts/{id}/activate", account)
                .bodyValue(
                        Map.of("platformAccountId", "1234", "connection", Map.of("baseUrl", "http://127.0.0.1:8089/")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.connection.baseUrl").isEqualTo("http://127.0.0.1:8089/");
        admin().post().uri("/api/v1/accounts/{id}/activate", account).bodyValue(Map.of("platformAccountId", "1"))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void connectorSettingsWithAFixedFormAreCheckedWhenAnAccountIsActivated() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String application = submittedApplication(applicant, applicant, runner);
        as(slt).post().uri("/api/v1/applications/{id}/approve", application).bodyValue(Map.of()).exchange()
                .expectStatus().isOk();
        String account = accountOf(school);

        admin().post().uri("/api/v1/accounts/{id}/activate", account)
                .bodyValue(Map.of("platformAccountId", "1", "connection", Map.of("messenger", "yes")))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("connection.messenger")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("true")
                        .contains("pages_messaging"));
        for (String days : List.of("0", "91", "two weeks", "-3")) {
            admin().post().uri("/api/v1/accounts/{id}/activate", account)
                    .bodyValue(Map.of("platformAccountId", "1", "connection", Map.of("commentDays", days)))
                    .exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("connection.commentDays")
                    .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("from 1 to 90"));
        }
        as(slt).get().uri("/api/v1/accounts/{id}", account).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("PROVISIONING");

        admin().post().uri("/api/v1/accounts/{id}/activate", account)
                .bodyValue(Map.of("platformAccountId", "104857321098765", "connection",
                        Map.of("messenger", "TRUE", "commentDays", "30")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.connection.messenger").isEqualTo("true")
                .jsonPath("$.connection.commentDays").isEqualTo("30");
    }

    @Test
    void runnersAreTransferredOnlyToTrainedStaffAndAnAccountNeedingRunnersRecovers() {
        ActiveAccount account = activeAccount("BLUESKY", "did:plc:abc", "https://pds.example");
        as(account.slt()).post().uri("/api/v1/staff/{id}/leave", account.runner2().id()).exchange().expectStatus()
                .isOk();
        as(account.slt()).get().uri("/api/v1/accounts/{id}", account.accountId()).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("NEEDS_RUNNER");

        Person untrained = newStaff(account.schoolId(), "STAFF");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/runners", account.accountId())
                .bodyValue(Map.of("runnerIds", List.of(account.runner1().id(), untrained.id())))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reasons[0]").value(r -> assertThat((String) r).contains(untrained.id()));
        as(account.slt()).post().uri("/api/v1/accounts/{id}/runners", account.accountId())
                .bodyValue(Map.of("runnerIds", List.of(account.runner1().id())))
                .exchange().expectStatus().isBadRequest();

        Person replacement = newCurrentStaff(account.schoolId(), "STAFF");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/runners", account.accountId())
                .bodyValue(Map.of("runnerIds", List.of(account.runner1().id(), replacement.id())))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE")
                .jsonPath("$.runnerIds").isEqualTo(List.of(account.runner1().id(), replacement.id()));
    }

    @Test
    void closingNeedsAReasonAndIsFinal() {
        ActiveAccount account = activeAccount("X", "42", null);
        as(account.slt()).post().uri("/api/v1/accounts/{id}/close", account.accountId()).bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/close", account.accountId())
                .bodyValue(Map.of("reason", "x")).exchange().expectStatus().isForbidden();
        as(account.slt()).post().uri("/api/v1/accounts/{id}/close", account.accountId())
                .bodyValue(Map.of("reason", "lead left; not replaced")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("CLOSED")
                .jsonPath("$.closeReason").isEqualTo("lead left; not replaced");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/close", account.accountId())
                .bodyValue(Map.of("reason", "again")).exchange().expectStatus().isEqualTo(409);
        as(account.slt()).post().uri("/api/v1/accounts/{id}/runners", account.accountId())
                .bodyValue(Map.of("runnerIds", List.of(account.runner1().id(), account.runner2().id())))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void anAccountWithNoActivityForASchoolYearIsFlaggedForReview() {
        ActiveAccount account = activeAccount("X", "43", null);
        as(account.slt()).get().uri("/api/v1/accounts/{id}", account.accountId()).exchange().expectBody()
                .jsonPath("$.reviewDue").isEqualTo(false);
        clock.advance(Duration.ofDays(366));
        as(account.slt()).get().uri("/api/v1/accounts/{id}", account.accountId()).exchange().expectBody()
                .jsonPath("$.reviewDue").isEqualTo(true);
    }

    @Test
    void suspendAndResume() {
        ActiveAccount account = activeAccount("X", "44", null);
        as(account.slt()).post().uri("/api/v1/accounts/{id}/suspend", account.accountId())
                .bodyValue(Map.of("reason", "exam season")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUSPENDED");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/resume", account.accountId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ACTIVE");
        as(account.slt()).post().uri("/api/v1/accounts/{id}/resume", account.accountId()).exchange()
                .expectStatus().isEqualTo(409);
    }

    @SuppressWarnings("unchecked")
    private String accountOf(String school) {
        Map<String, Object> page = admin().get().uri("/api/v1/accounts?schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (String) ((List<Map<String, Object>>) page.get("items")).get(0).get("id");
    }
}
