package uk.hallmonitor.connectors.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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

class BlueskyConnectorTests {

    private static final String DID = "did:plc:oakfieldschool00000000000";
    private static final String SESSION = "/xrpc/com.atproto.server.createSession";
    private static final String NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications";
    private static final String FEED = "/xrpc/app.bsky.feed.getAuthorFeed";
    private static final String SEARCH = "/xrpc/app.bsky.feed.searchPosts";
    private static final String JWT =
            "eyJ0eXAiOiJhdCtqd3QiLCJhbGciOiJFUzI1NksifQ.eyJzY29wZSI6ImNvbS5hdHByb3RvLmFwcFBhc3MifQ.sig";

    @RegisterExtension
    static WireMockExtension pds = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "identifier", "oakfieldprimary.bsky.social")
            .put("acc-1", "appPassword", "abcd-efgh-ijkl-mnop");
    private final BlueskyConnector connector = new BlueskyConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private static String json(String name) {
        try (InputStream in = BlueskyConnectorTests.class.getResourceAsStream("/connectors/bluesky/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void sessionOpens() {
        pds.stubFor(post(SESSION).willReturn(aResponse().withStatus(200).withBody(json("session.json"))));
    }

    private Source account() {
        return ConnectorFixtures.account(Platform.BLUESKY, DID, pds.baseUrl(), 100);
    }

    @Test
    void notificationsBecomeCommentsAndMentionsAndOwnPostsComeFromTheAuthorFeed() {
        pds.stubFor(
                get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody(json("author-feed.json"))));
        pds.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).willReturn(aResponse().withStatus(200)
                .withBody(json("notifications.json"))));

        Batch batch = connector.fetch(account(), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::kind, FetchedPost::authorHandle).containsExactly(
                tuple("OWN_POST", "oakfieldprimary.bsky.social"),
                tuple("COMMENT", "parentone.bsky.social"),
                tuple("MENTION", "skewed.bsky.social"));
        FetchedPost reply = batch.posts().get(1);
        assertThat(reply.platformPostId())
                .isEqualTo("at://did:plc:parentone000000000000000/app.bsky.feed.post/3lbqxyz2abc2k");
        assertThat(reply.url()).isEqualTo("https://bsky.app/profile/parentone.bsky.social/post/3lbqxyz2abc2k");
        assertThat(reply.inReplyToId())
                .isEqualTo("at://did:plc:oakfieldschool00000000000/app.bsky.feed.post/3lbqaaa2xyz2a");
        assertThat(batch.posts().get(2).postedAt()).isEqualTo(ConnectorFixtures.NOW);
        assertThat(batch.warnings())
                .anyMatch(w -> w.contains("unknown reason 'brand-new-reason'"))
                .anyMatch(w -> w.contains("3lbqskew1") && w.contains("clamped"))
                .anyMatch(w -> w.contains("3lbqbrok1") && w.contains("no record"))
                .noneMatch(w -> w.contains("like"));
        assertThat(batch.reads()).isEqualTo(7);
        assertThat(batch.next().get("notifications.since")).isEqualTo("2026-11-22T09:40:01.234Z");
        pds.verify(postRequestedFor(urlPathEqualTo(SESSION)).withRequestBody(
                equalToJson("{\"identifier\":\"oakfieldprimary.bsky.social\",\"password\":\"abcd-efgh-ijkl-mnop\"}")));
        pds.verify(
                getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withHeader("Authorization", equalTo("Bearer " + JWT)));
        pds.verify(getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("actor", equalTo(DID))
                .withQueryParam("filter", equalTo("posts_with_replies")));
    }

    @Test
    void theNextPollPagesBackUntilItReachesWhatItHadSeen() {
        pds.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody("{\"feed\":[]}")));
        String newer = """
                {"notifications": [{
                  "uri": "at://did:plc:parentone000000000000000/app.bsky.feed.post/3lbqnewer01", "cid": "bafyreinewer",
                  "author": {"did": "did:plc:parentone000000000000000", "handle": "parentone.bsky.social"},
                  "reason": "mention",
                  "record": {"$type": "app.bsky.feed.post", "text": "@oakfieldprimary.bsky.social thanks!",
                             "createdAt": "2026-11-22T09:57:59.000Z"},
                  "isRead": false, "indexedAt": "2026-11-22T09:58:00.000Z"}],
                 "cursor": "page2"}
                """;
        pds.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("cursor", absent())
                .willReturn(aResponse().withStatus(200).withBody(newer)));
        pds.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).withQueryParam("cursor", equalTo("page2"))
                .willReturn(aResponse().withStatus(200).withBody(json("notifications.json"))));
        Cursor last = new Cursor(Map.of("notifications.since", "2026-11-22T09:35:00.500Z"));

        Batch batch = connector.fetch(account(), last).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId).containsExactly(
                "at://did:plc:parentone000000000000000/app.bsky.feed.post/3lbqnewer01",
                "at://did:plc:parentone000000000000000/app.bsky.feed.post/3lbqxyz2abc2k");
        assertThat(batch.next().positions()).containsEntry("notifications.since", "2026-11-22T09:58:00Z")
                .doesNotContainKey("notifications.token");
        pds.verify(2, getRequestedFor(urlPathEqualTo(NOTIFICATIONS)));
    }

    @Test
    void aWatchSearchesPostsForEachTermSinceTheLastOneSeen() {
        Source watch = ConnectorFixtures.watch(Platform.BLUESKY, List.of("Oakfield Primary"),
                Map.of("baseUrl", pds.baseUrl(), "credentialsAccountId", "acc-1"), 25);
        pds.stubFor(get(urlPathEqualTo(SEARCH)).willReturn(aResponse().withStatus(200).withBody(json("search.json"))));

        Batch first = connector.fetch(watch, Cursor.START).block();
        Batch second = connector.fetch(watch, first.next()).block();

        assertThat(first.posts()).extracting(FetchedPost::kind).containsExactly("PUBLIC_MENTION");
        assertThat(second.posts()).isEmpty();
        pds.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("q", equalTo("Oakfield Primary"))
                .withQueryParam("sort", equalTo("latest")).withQueryParam("limit", equalTo("25"))
                .withQueryParam("since", absent()));
        pds.verify(getRequestedFor(urlPathEqualTo(SEARCH)).withQueryParam("since", equalTo("2026-11-22T09:10:02Z")));
    }

    @Test
    void aRevokedAppPasswordIsUnauthorized() {
        pds.stubFor(post(SESSION).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"AuthenticationRequired\",\"message\":\"Invalid identifier or password\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                .verify();
    }

    @Test
    void tooManySessionsIsRateLimitedUntilTheWindowResets() {
        long reset = ConnectorFixtures.NOW.plus(Duration.ofMinutes(5)).getEpochSecond();
        pds.stubFor(post(SESSION).willReturn(aResponse().withStatus(429).withHeader("ratelimit-limit", "30")
                .withHeader("ratelimit-remaining", "0").withHeader("ratelimit-reset", Long.toString(reset))
                .withBody("{\"error\":\"RateLimitExceeded\",\"message\":\"Rate Limit Exceeded\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofMinutes(5));
                })
                .verify();
    }

    @Test
    void aMalformedNotificationsPageKeepsTheOwnPostsAlreadyRead() {
        pds.stubFor(
                get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody(json("author-feed.json"))));
        pds.stubFor(get(urlPathEqualTo(NOTIFICATIONS)).willReturn(aResponse().withStatus(200)
                .withBody("{\"notifications\": [{\"uri\": ")));

        Batch batch = connector.fetch(account(), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::kind).containsExactly("OWN_POST");
        assertThat(batch.warnings()).anyMatch(w -> w.startsWith("notifications:") && w.contains("not JSON"));
        assertThat(batch.next().get("notifications.since")).isNull();
    }

    @Test
    void aServerErrorIsRetriedAndThenTransient() {
        pds.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(502)));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.TRANSIENT)
                .verify();
        pds.verify(3, getRequestedFor(urlPathEqualTo(FEED)));
    }

    @Test
    void missingAppPasswordIsMisconfiguredWithoutCallingThePds() {
        BlueskyConnector bare = new BlueskyConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()),
                new TestVault().put("acc-1", "identifier", "x.bsky.social").secrets(), ConnectorFixtures.CLOCK,
                ConnectorFixtures.fastProperties());

        StepVerifier.create(bare.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED
                        && failure.getMessage().contains("appPassword")
                        && !failure.getMessage().contains("x.bsky.social"))
                .verify();
        assertThat(pds.getAllServeEvents()).isEmpty();
    }
}
