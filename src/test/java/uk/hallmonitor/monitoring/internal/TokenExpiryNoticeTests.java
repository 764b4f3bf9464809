package uk.hallmonitor.monitoring.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.hallmonitor.AppTestSupport;

/**
 * The Page-token expiry notice through the whole application: the daily check asks Meta's {@code debug_token}
 * (a WireMock fake), records the words on the account's connection health, publishes {@code AccessTokenExpiring},
 * and the account's runners and the school's admins get one notice in the alerts outbox per account and expiry day,
 * however many checks follow; a reconnect with a new expiry is told again.
 */
class TokenExpiryNoticeTests extends AppTestSupport {

    private static final String SCOPES = "[\"pages_read_engagement\", \"pages_read_user_content\","
            + " \"pages_manage_engagement\"]";
    static WireMockServer graph;

    @Autowired
    TokenChecks checks;

    @BeforeAll
    static void start() {
        graph = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    private static void debugTokenSays(Instant expires) {
        graph.stubFor(get(urlPathEqualTo("/v23.0/debug_token")).willReturn(aResponse().withStatus(200).withBody("""
                {"data": {"app_id": "1234", "type": "PAGE", "application": "Hallmonitor", "is_valid": true,
                  "expires_at": %d, "scopes": %s}}
                """.formatted(expires.getEpochSecond(), SCOPES))));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> alerts(Person reader, String schoolId, String source) {
        Map<String, Object> page = as(reader).get().uri("/api/v1/alerts?schoolId={s}&size=200", schoolId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream()
                .filter(alert -> source.equals(alert.get("source"))).toList();
    }

    @Test
    void aTokenNearItsExpiryIsToldToTheRunnersAndAdminsOncePerAccountAndExpiryDay() {
        String pageId = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
        ActiveAccount school = activeAccount("FACEBOOK", pageId, graph.baseUrl());
        Person schoolAdmin = newCurrentStaff(school.schoolId(), "ADMIN");
        admin().put().uri("/api/v1/accounts/{id}/credentials/pageAccessToken", school.accountId())
                .bodyValue(Map.of("secret", "EAAGfakePageToken")).exchange().expectStatus().isNoContent();
        // START is Monday 16 November 2026, 10:00 UTC; the token expires within the 7 days' notice
        Instant expires = Instant.parse("2026-11-20T09:00:00Z");
        debugTokenSays(expires);
        String source = "notice:token-expiry:" + school.accountId() + ":2026-11-20";

        checks.checkAll().block(Duration.ofSeconds(60));

        as(school.slt()).get().uri("/api/v1/accounts/{id}", school.accountId()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.health.token.expiresAt").isEqualTo("2026-11-20T09:00:00Z")
                .jsonPath("$.health.token.words").value(words -> assertThat((String) words)
                        .contains("expires on 20 November 2026").contains("reconnect"));
        List<Map<String, Object>> told = await().atMost(Duration.ofSeconds(30))
                .until(() -> alerts(school.slt(), school.schoolId(), source), found -> !found.isEmpty());
        assertThat(told).extracting(alert -> alert.get("recipientStaffId")).contains(school.runner1().id(),
                school.runner2().id(), schoolAdmin.id()).doesNotContain(school.slt().id(), school.dsl().id());
        assertThat(told).extracting(alert -> (String) alert.get("subject"))
                .allMatch(subject -> subject.contains("Reconnect the school's Facebook"));
        int once = told.size();

        // the same day again, and the days that follow until the expiry: nobody is told twice
        checks.checkAll().block(Duration.ofSeconds(60));
        clock.advance(Duration.ofDays(1));
        checks.checkAll().block(Duration.ofSeconds(60));
        clock.advance(Duration.ofDays(1));
        checks.checkAll().block(Duration.ofSeconds(60));
        assertThat(alerts(school.slt(), school.schoolId(), source)).hasSize(once);

        // an admin reconnects the Page: the new token expires on another day, which is told again
        debugTokenSays(Instant.parse("2026-11-24T09:00:00Z"));
        checks.checkAll().block(Duration.ofSeconds(60));
        String renewed = "notice:token-expiry:" + school.accountId() + ":2026-11-24";
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(alerts(school.slt(), school.schoolId(), renewed))
                        .extracting(a -> a.get("recipientStaffId"))
                        .contains(school.runner1().id(), school.runner2().id(), schoolAdmin.id()));
        assertThat(alerts(school.slt(), school.schoolId(), source)).hasSize(once);
    }
}
