package uk.hallmonitor.connectors.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

class MastodonConnectorTests {

    private static final String ACCOUNT = "11223";
    private static final String NOTIFICATIONS = "/api/v1/notifications";
    private static final String STATUSES = "/api/v1/accounts/" + ACCOUNT + "/statuses";
    private static final String SEARCH = "/api/v2/search";

    @RegisterExtension
    static WireMockExtension instance = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault =
            new TestVault().put("acc-1", "accessToken", "ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0");
    private final MastodonConnector connector = new MastodonConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private static String json(String name) {
        try (InputStream in = MastodonConnectorTests.class.getResourceAsStream("/connectors/mastodon/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source account() {
        return ConnectorFixtures.account(Platform.MASTODON, ACCOUNT, instance.baseUrl(), 100);
    }

    @Test
    void mentionsBecomeCommentsMentionsAndDirectMessagesInPlainText() {
        instance.stubFor(
                get(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(200).withBody(json("statuses.json"))));
        instance.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).willReturn(aResponse().withStatus(200)
                .withBody(json("notifications.json"))));

        Batch batch = connector.fetch(account(), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind).containsExactly(
                tuple("113500000000000000", "OWN_POST"),
                tuple("113512345678901236", "DIRECT_MESSAGE"),
                tuple("113512345678901235", "COMMENT"),
                tuple("113512345678901234", "MENTION"));
        FetchedPost comment = batch.posts().get(2);
        assertThat(comment.text())
                .isEqualTo("school trip\n@oakfield Lovely concert & well done all!\nSee you at the fair");
        assertThat(comment.authorHandle()).isEqualTo("parent@mastodon.social");
        assertThat(comment.inReplyToId()).isEqualTo("113500000000000000");
        assertThat(comment.editedAt()).isEqualTo(Instant.parse("2026-11-22T09:47:00Z"));
        assertThat(batch.warnings()).anyMatch(w -> w.contains("113512345678901233") && w.contains("no created_at"));
        assertThat(batch.next().positions()).containsEntry("mentions.since", "34975863")
                .containsEntry("own.since", "113500000000000001");
        instance.verify(getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("types[]", equalTo("mention"))
                .withQueryParam("limit", equalTo("40"))
                .withHeader("Authorization", equalTo("Bearer ZA-Yj3aBD8U8Cm7lKUp-lm9O9BmDgdhHzDeqsY8tlL0")));
    }

    @Test
    void theNextPollAsksOnlyForWhatIsNewAndPagesWithMaxId() {
        instance.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(200).withBody("[]")));
        StringBuilder full = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            full.append(i == 0 ? "" : ",").append("{\"id\":\"").append(35000100 - i).append("\",\"type\":\"mention\",")
                    .append("\"status\":{\"id\":\"").append(114000100 - i).append("\",\"created_at\":\"2026-11-22T09:5")
                    .append(i % 10)
                    .append(":00Z\",\"content\":\"<p>hi</p>\",\"account\":{\"id\":\"1\",\"acct\":\"a\"}}}");
        }
        full.append("]");
        instance.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("max_id", absent())
                .willReturn(aResponse().withStatus(200).withBody(full.toString())));
        instance.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("max_id", equalTo("35000061"))
                .willReturn(aResponse().withStatus(200).withBody(json("notifications.json"))));

        Batch batch = connector.fetch(account(), new Cursor(Map.of("mentions.since", "34975000"))).block();

        assertThat(batch.posts()).hasSize(43);
        assertThat(batch.next().get("mentions.since")).isEqualTo("35000100");
        instance.verify(2, getRequestedFor(urlPathEqualTo(NOTIFICATIONS)));
        instance.verify(getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("since_id", equalTo("34975000"))
                .withQueryParam("max_id", equalTo("35000061")));
    }

    @Test
    void aWatchSearchesStatusesOnTheInstance() {
        Source watch = ConnectorFixtures.watch(Platform.MASTODON, List.of("Oakfield Primary"),
                Map.of("baseUrl", instance.baseUrl(), "credentialsAccountId", "acc-1"), 100);
        instance.stubFor(
                get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(json("search.json"))));

        Batch batch = connector.fetch(watch, Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::kind, FetchedPost::text).containsExactly(
                tuple("PUBLIC_MENTION", "Oakfield Primary wins regional choir award news.example/choir"));
        instance.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo("Oakfield Primary"))
                .withQueryParam("type", equalTo("statuses")));
    }

    @Test
    void anInstanceWithoutSearchIsAWarningNotAFailure() {
        Source watch = ConnectorFixtures.watch(Platform.MASTODON, List.of("Oakfield"),
                Map.of("baseUrl", instance.baseUrl(), "credentialsAccountId", "acc-1"), 100);
        instance.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":\"Record not found\"}")));

        Batch batch = connector.fetch(watch, Cursor.START).block();

        assertThat(batch.posts()).isEmpty();
        assertThat(batch.warnings()).anyMatch(w -> w.contains("offers no status search"));
    }

    @Test
    void anInstanceIsRequired() {
        Source noInstance = new Source("acc-1", "school-1", Platform.MASTODON, ACCOUNT, "oakfield", List.of(),
                Map.of(), 100);

        StepVerifier.create(connector.fetch(noInstance, Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED
                        && failure.getMessage().contains("baseUrl"))
                .verify();
    }

    @Test
    void aBodyThatIsNotAListIsMalformed() {
        instance.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(200)
                .withBody("{\"error\":\"This method requires an authenticated user\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void mastodonsRateLimitHeadersAreHonoured() {
        instance.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(429)
                .withHeader("X-RateLimit-Limit", "300").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "2026-11-22T10:04:00.000Z")
                .withBody("{\"error\":\"Too many requests\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofMinutes(4));
                })
                .verify();
    }

    @Test
    void aRevokedTokenIsUnauthorized() {
        instance.stubFor(get(urlPathEqualTo(STATUSES)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"The access token was revoked\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                .verify();
    }
}
