package uk.hallmonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Issue 14, finding 1: who may point the service at an address (watch and account {@code connection.baseUrl},
 * Teams and Slack webhooks) and who may make a watch borrow an account's credentials, as a role × endpoint table
 * through the API. The test context allows loopback only (AppTestSupport), so private, link-local and metadata
 * addresses are refused as in production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundAndLendingMatrixTests extends AppTestSupport {

    private ActiveAccount schoolA;
    private ActiveAccount schoolB;
    private final Map<String, Person> callers = new HashMap<>();

    @BeforeAll
    void twoSchoolsWithMastodonAccounts() {
        web = web.mutate().responseTimeout(java.time.Duration.ofSeconds(60)).build();
        schoolA = activeAccount("MASTODON", "111", "https://mastodon.school-a.example/");
        schoolB = activeAccount("MASTODON", "222", "https://mastodon.school-b.example/");
        String b = schoolB.schoolId();
        callers.put("SLT", schoolB.slt());
        callers.put("DSL", schoolB.dsl());
        callers.put("HEADTEACHER", newStaff(b, "HEADTEACHER"));
        callers.put("MODERATOR", newStaff(b, "MODERATOR"));
        callers.put("STAFF", newStaff(b, "STAFF"));
        callers.put("GOVERNOR", newStaff(b, "GOVERNOR"));
        callers.put("SLT_OF_A", schoolA.slt());
    }

    private WebTestClient caller(String role) {
        return role.equals("ADMIN") ? admin() : as(callers.get(role));
    }

    private String value(String token) {
        return switch (token) {
            case "OWN" -> schoolB.accountId();
            case "OTHER" -> schoolA.accountId();
            case "OWN_URL" -> "https://mastodon.school-b.example/";
            case "-" -> null;
            default -> token;
        };
    }

    private long watchesOfB() {
        return ((Number) admin().get().uri("/api/v1/watches?schoolId={s}", schoolB.schoolId()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("total")).longValue();
    }

    @ParameterizedTest(name = "{0}: watch {1} borrowing {2} at {3} -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # role      | platform | credentialsAccountId | baseUrl                           | status | field
            ADMIN       | MASTODON | OWN                  | OWN_URL                           | 201    | -
            SLT         | MASTODON | OWN                  | OWN_URL                           | 201    | -
            HEADTEACHER | MASTODON | OWN                  | OWN_URL                           | 403    | -
            DSL         | MASTODON | OWN                  | OWN_URL                           | 403    | -
            MODERATOR   | MASTODON | OWN                  | OWN_URL                           | 403    | -
            STAFF       | MASTODON | OWN                  | OWN_URL                           | 403    | -
            GOVERNOR    | MASTODON | OWN                  | OWN_URL                           | 403    | -
            SLT_OF_A    | MASTODON | OWN                  | OWN_URL                           | 404    | -
            ADMIN       | MASTODON | OTHER                | OWN_URL                           | 400    | connection.credentialsAccountId
            SLT         | MASTODON | OTHER                | OWN_URL                           | 400    | connection.credentialsAccountId
            SLT         | MASTODON | OTHER                | https://attacker.example/         | 400    | connection.credentialsAccountId
            SLT         | MASTODON | no-such-account      | OWN_URL                           | 400    | connection.credentialsAccountId
            SLT         | BLUESKY  | OWN                  | -                                 | 400    | connection.credentialsAccountId
            STAFF       | MASTODON | OTHER                | OWN_URL                           | 403    | -
            GOVERNOR    | MASTODON | OTHER                | OWN_URL                           | 403    | -
            ADMIN       | MASTODON | OWN                  | https://mirror.school-b.example/  | 201    | -
            SLT         | MASTODON | OWN                  | https://attacker.example/         | 403    | -
            HEADTEACHER | MASTODON | OWN                  | https://attacker.example/         | 403    | -
            SLT         | MASTODON | -                    | https://mastodon.social/          | 201    | -
            ADMIN       | MASTODON | -                    | http://attacker.example/          | 400    | connection.baseUrl
            SLT         | MASTODON | -                    | http://attacker.example/          | 400    | connection.baseUrl
            SLT         | MASTODON | OWN                  | https://169.254.169.254/          | 400    | connection.baseUrl
            SLT         | MASTODON | -                    | https://metadata.google.internal/ | 400    | connection.baseUrl
            ADMIN       | MASTODON | -                    | https://10.1.2.3/                 | 400    | connection.baseUrl
            SLT         | MASTODON | -                    | https://[fd00:ec2::254]/          | 400    | connection.baseUrl
            SLT         | MASTODON | -                    | https://127.0.0.2/                | 400    | connection.baseUrl
            STAFF       | MASTODON | -                    | https://192.168.0.1/              | 400    | connection.baseUrl
            SLT         | RSS      | -                    | https://100.64.0.1/feed           | 400    | connection.url
            """)
    void whoMayAddAWatchThatBorrowsCredentialsOrCallsAnAddress(String role, String platform, String lender,
                                                               String baseUrl, int status, String field) {
        Map<String, Object> connection = new HashMap<>();
        if (value(lender) != null) {
            connection.put("credentialsAccountId", value(lender));
        }
        if (value(baseUrl) != null) {
            connection.put(platform.equals("RSS") ? "url" : "baseUrl", value(baseUrl));
        }
        long before = watchesOfB();

        WebTestClient.ResponseSpec response = caller(role).post().uri("/api/v1/watches")
                .bodyValue(Map.of("schoolId", schoolB.schoolId(), "platform", platform, "terms", List.of("Hill School"),
                        "connection", connection))
                .exchange().expectStatus().isEqualTo(status);

        if (status == 201) {
            assertThat(watchesOfB()).isEqualTo(before + 1);
            return;
        }
        response.expectHeader().contentType("application/problem+json");
        if (!field.equals("-")) {
            response.expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        }
        assertThat(watchesOfB()).as("nothing is stored").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}: account baseUrl {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # role      | baseUrl                    | status
            ADMIN       | https://10.0.0.5/          | 400
            ADMIN       | http://mastodon.example/   | 400
            ADMIN       | https://169.254.169.254/   | 400
            SLT         | https://mastodon.example/  | 403
            HEADTEACHER | https://mastodon.example/  | 403
            STAFF       | https://mastodon.example/  | 403
            GOVERNOR    | https://mastodon.example/  | 403
            SLT_OF_A    | https://mastodon.example/  | 404
            """)
    void onlyAnAdministratorSetsWhereAnAccountsCredentialsAreSentAndOnlyToAnAllowedAddress(String role,
                                                                                           String baseUrl, int status) {
        WebTestClient.ResponseSpec response = caller(role).post()
                .uri("/api/v1/accounts/{id}/activate", schoolB.accountId())
                .bodyValue(Map.of("platformAccountId", "999", "connection", Map.of("baseUrl", baseUrl)))
                .exchange().expectStatus().isEqualTo(status);
        if (status == 400) {
            response.expectBody().jsonPath("$.errors[0].field").isEqualTo("connection.baseUrl");
        }
        admin().get().uri("/api/v1/accounts/{id}", schoolB.accountId()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.connection.baseUrl").isEqualTo("https://mastodon.school-b.example/");
    }

    @ParameterizedTest(name = "{0}: {1} = {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # role      | field           | url                                      | status
            ADMIN       | teamsWebhookUrl | https://school.webhook.office.com/x      | 200
            SLT         | slackWebhookUrl | https://hooks.slack.com/services/T/B/x   | 200
            ADMIN       | teamsWebhookUrl | http://school.webhook.office.com/x       | 400
            SLT         | slackWebhookUrl | https://192.168.1.10/hook                | 400
            SLT         | teamsWebhookUrl | https://169.254.169.254/latest/meta-data | 400
            SLT         | slackWebhookUrl | https://[::ffff:10.0.0.1]/hook           | 400
            SLT         | teamsWebhookUrl | https://hooks.localhost/hook             | 400
            DSL         | teamsWebhookUrl | https://school.webhook.office.com/x      | 403
            MODERATOR   | teamsWebhookUrl | https://school.webhook.office.com/x      | 403
            STAFF       | teamsWebhookUrl | https://school.webhook.office.com/x      | 403
            GOVERNOR    | teamsWebhookUrl | https://school.webhook.office.com/x      | 403
            SLT_OF_A    | teamsWebhookUrl | https://school.webhook.office.com/x      | 404
            """)
    void webhookAddressesFollowTheOutboundPolicy(String role, String field, String url, int status) {
        WebTestClient.ResponseSpec response = caller(role).put()
                .uri("/api/v1/moderation/settings/{s}", schoolB.schoolId())
                .bodyValue(Map.of(field, url)).exchange().expectStatus().isEqualTo(status);
        if (status == 400) {
            response.expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void staffAndGovernorsSeeAWatchsTermsAndHealthButNotItsConnection() {
        String id = (String) as(schoolB.slt()).post().uri("/api/v1/watches")
                .bodyValue(Map.of("schoolId", schoolB.schoolId(), "platform", "MASTODON", "terms", List.of("Hill"),
                        "connection", Map.of("baseUrl", "https://mastodon.school-b.example/",
                                "credentialsAccountId", schoolB.accountId())))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");

        for (String role : List.of("STAFF", "GOVERNOR")) {
            caller(role).get().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.terms[0]").isEqualTo("Hill")
                    .jsonPath("$.connection.baseUrl").doesNotExist()
                    .jsonPath("$.connection.credentialsAccountId").doesNotExist();
            Map<String, Object> page = caller(role).get().uri("/api/v1/watches").exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody();
            ((List<Map<String, Object>>) page.get("items"))
                    .forEach(item -> assertThat((Map<String, Object>) item.get("connection")).isNullOrEmpty());
        }
        for (String role : List.of("ADMIN", "SLT")) {
            caller(role).get().uri("/api/v1/watches/{id}", id).exchange().expectStatus().isOk().expectBody()
                    .jsonPath("$.connection.baseUrl").isEqualTo("https://mastodon.school-b.example/");
        }
    }
}
