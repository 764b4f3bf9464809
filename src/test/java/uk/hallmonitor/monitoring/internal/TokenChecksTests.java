package uk.hallmonitor.monitoring.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.accounts.TokenHealth;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Connectors;
import uk.hallmonitor.connectors.bluesky.BlueskyConnector;
import uk.hallmonitor.connectors.meta.FacebookConnector;
import uk.hallmonitor.monitoring.AccessTokenExpiring;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * The daily token check: what Meta's {@code debug_token} says is recorded on the account's connection health, and
 * within the notice window (7 days) an event is published whose notice key is the same every day, so the runners
 * and admins are told once.
 */
class TokenChecksTests {

    private static final String DEBUG = "/v23.0/debug_token";
    private static final Instant EXPIRES = Instant.parse("2027-01-14T09:00:00Z");
    private static final String ALL_SCOPES = "\"pages_read_engagement\", \"pages_read_user_content\","
            + " \"pages_manage_engagement\"";

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final FakeRegister register = new FakeRegister();
    private final List<AccessTokenExpiring> told = new CopyOnWriteArrayList<>();
    private final TestVault vault = new TestVault().put("fb-1", "pageAccessToken", "EAAGfakePageToken")
            .put("bsky-1", "identifier", "oakfield.bsky.social").put("bsky-1", "appPassword", "abcd-efgh");

    private TokenChecks checksAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("told", new Recorder(told));
        Connectors connectors = new Connectors(List.of(
                new FacebookConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(),
                        clock, ConnectorFixtures.fastProperties()),
                new BlueskyConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(),
                        clock, ConnectorFixtures.fastProperties())));
        return new TokenChecks(register, connectors, new DomainEvents(beans), clock, Duration.ofDays(1),
                Duration.ofDays(7));
    }

    record Recorder(List<AccessTokenExpiring> told) implements DomainEventListener<AccessTokenExpiring> {
        @Override
        public Mono<Void> on(AccessTokenExpiring event) {
            return Mono.fromRunnable(() -> told.add(event));
        }
    }

    private void accounts() {
        register.accounts.add(new SchoolAccount("fb-1", "school-1", Platform.FACEBOOK, "Oakfield Primary",
                "104857321098765", Map.of("baseUrl", graph.baseUrl()), AccountStatus.ACTIVE, List.of("r1", "r2"),
                null));
        // Bluesky does not tell about its tokens: skipped, and the PDS is never called
        register.accounts.add(new SchoolAccount("bsky-1", "school-1", Platform.BLUESKY, "oakfield.bsky.social",
                "did:plc:oakfield", Map.of("baseUrl", graph.baseUrl()), AccountStatus.ACTIVE, List.of("r1"), null));
    }

    private static void debugSays(Instant expires, String scopes) {
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody("""
                {"data": {"app_id": "138483919580948", "type": "PAGE", "application": "Hallmonitor",
                  "expires_at": %d, "is_valid": true, "issued_at": 1760000000, "scopes": [%s]}}
                """.formatted(expires.getEpochSecond(), scopes))));
    }

    @Test
    void aTokenFarFromExpiryIsRecordedInWordsOnTheHealthAndNobodyIsTold() {
        accounts();
        debugSays(EXPIRES, ALL_SCOPES);

        long checked = checksAt(Instant.parse("2026-12-07T10:00:00Z")).checkAll().block();

        assertThat(checked).isEqualTo(1);
        TokenHealth health = register.tokens.get("fb-1");
        assertThat(health.expiresAt()).isEqualTo(EXPIRES);
        assertThat(health.scopes()).contains("pages_manage_engagement");
        assertThat(health.words()).isEqualTo("the Page token expires on 14 January 2027; an admin must reconnect the"
                + " Page before then");
        assertThat(register.tokens).doesNotContainKey("bsky-1");
        assertThat(told).isEmpty();
    }

    @Test
    void withinSevenDaysOfExpiryTheRunnersAndAdminsAreToldUnderOneKeyWhateverTheDay() {
        accounts();
        debugSays(EXPIRES, ALL_SCOPES);

        checksAt(Instant.parse("2027-01-06T10:00:00Z")).checkAll().block();
        assertThat(told).isEmpty();
        checksAt(Instant.parse("2027-01-07T10:00:00Z")).checkAll().block();
        checksAt(Instant.parse("2027-01-08T10:00:00Z")).checkAll().block();

        assertThat(told).hasSize(2).allSatisfy(event -> {
            assertThat(event.accountId()).isEqualTo("fb-1");
            assertThat(event.runnerIds()).containsExactly("r1", "r2");
            assertThat(event.words()).startsWith("the Page token expires on 14 January 2027");
        });
        assertThat(told).extracting(AccessTokenExpiring::noticeKey).containsOnly("token-expiry:fb-1:2027-01-14");
    }

    @Test
    void aReconnectWithANewExpiryIsANewNoticeAndMissingPermissionsAreToldEvenWithoutExpiry() {
        accounts();
        debugSays(EXPIRES, ALL_SCOPES);
        checksAt(Instant.parse("2027-01-10T10:00:00Z")).checkAll().block();
        debugSays(Instant.parse("2027-03-14T09:00:00Z"), "\"pages_read_engagement\"");
        checksAt(Instant.parse("2027-01-11T10:00:00Z")).checkAll().block();

        assertThat(told).extracting(AccessTokenExpiring::noticeKey)
                .containsExactly("token-expiry:fb-1:2027-01-14", "token-expiry:fb-1:2027-03-14");
        assertThat(told.get(1).words()).contains("It lacks pages_manage_engagement (hide, delete and reply to"
                + " comments), pages_read_user_content");
        assertThat(register.tokens.get("fb-1").missing()).hasSize(2);
    }

    @Test
    void aCheckThatFailsIsLoggedAndTheOtherAccountsAreStillChecked() {
        accounts();
        register.accounts.add(0, new SchoolAccount("fb-0", "school-1", Platform.FACEBOOK, "No token", "1", Map.of(
                "baseUrl", graph.baseUrl()), AccountStatus.ACTIVE, List.of("r3"), null));
        debugSays(EXPIRES, ALL_SCOPES);

        long checked = checksAt(Instant.parse("2026-12-07T10:00:00Z")).checkAll().block();

        assertThat(checked).isEqualTo(1);
        assertThat(register.tokens).containsOnlyKeys("fb-1");
    }
}
