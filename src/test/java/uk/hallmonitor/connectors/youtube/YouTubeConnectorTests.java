package uk.hallmonitor.connectors.youtube;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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

class YouTubeConnectorTests {

    private static final String CHANNEL = "UCoakfieldPrimary01";
    private static final String THREADS = "/youtube/v3/commentThreads";
    private static final String MODERATE = "/youtube/v3/comments/setModerationStatus";

    @RegisterExtension
    static WireMockExtension google = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault()
            .put("acc-1", "oauthRefreshToken", "1//0gRefreshTokenForTheChannel")
            .put("acc-1", "clientId", "123-abc.apps.googleusercontent.com")
            .put("acc-1", "clientSecret", "GOCSPX-secret")
            .put("acc-2", "apiKey", "AIzaSyFakeKeyForReading");
    private final YouTubeConnector connector = new YouTubeConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private static String json(String name) {
        try (InputStream in = YouTubeConnectorTests.class.getResourceAsStream("/connectors/youtube/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source channel(String accountId) {
        return new Source(accountId, "school-1", Platform.YOUTUBE, CHANNEL, "oakfieldprimary", List.of(),
                Map.of("baseUrl", google.baseUrl(), "tokenUrl", google.baseUrl() + "/token"), 100);
    }

    private void stubToken() {
        google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\":\"ya29.fresh-access\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    }

    @Test
    void threadsRepliesAndHeldCommentsArriveWithTheOwnersGrant() {
        stubToken();
        google.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("moderationStatus", equalTo("published"))
                .willReturn(aResponse().withStatus(200).withBody(json("threads.json"))));
        google.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("moderationStatus", equalTo("heldForReview"))
                .willReturn(aResponse().withStatus(200).withBody(json("held.json"))));

        Batch batch = connector.fetch(channel("acc-1"), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::authorHandle,
                FetchedPost::inReplyToId, FetchedPost::conversationId)
                .containsExactly(
                        tuple("UgzAbc123.9xYzReply1", "@oakfieldprimary", "UgzAbc123", "UgzAbc123"),
                        tuple("UgzAbc123", "@joparent", "dQw4w9WgXcQ", "UgzAbc123"),
                        tuple("UgzHeld789", "@spammer", "dQw4w9WgXcQ", "UgzHeld789"));
        FetchedPost edited = batch.posts().get(1);
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-11-22T09:12:30Z"));
        assertThat(edited.url()).isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbc123");
        assertThat(batch.posts().get(0).editedAt()).isNull();
        assertThat(batch.warnings()).anyMatch(w -> w.contains("UgzDef456") && w.contains("no text"));
        assertThat(batch.next().positions()).containsEntry("threads.since", "2026-11-22T09:00:00Z")
                .containsEntry("held.since", "2026-11-22T09:40:00Z");
        google.verify(postRequestedFor(urlPathEqualTo("/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=1%2F%2F0gRefreshTokenForTheChannel")));
        google.verify(getRequestedFor(urlPathEqualTo(THREADS))
                .withHeader("Authorization", equalTo("Bearer ya29.fresh-access"))
                .withQueryParam("allThreadsRelatedToChannelId", equalTo(CHANNEL))
                .withQueryParam("order", equalTo("time")).withQueryParam("key", absent()));
    }

    @Test
    void theNextPollFollowsNextPageTokenUntilWhatWasStored() {
        google.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("pageToken", absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"nextPageToken": "QURTSl9pMlQ0", "items": [
                          {"id": "UgzNew001", "snippet": {"videoId": "v1", "topLevelComment": {"id": "UgzNew001",
                           "snippet": {"textOriginal": "newest", "authorDisplayName": "@a",
                                       "publishedAt": "2026-11-22T09:50:00Z"}}}}]}
                        """)));
        google.stubFor(get(urlPathEqualTo(THREADS)).withQueryParam("pageToken", equalTo("QURTSl9pMlQ0"))
                .willReturn(aResponse().withStatus(200).withBody(json("threads.json"))));

        Batch batch = connector.fetch(channel("acc-2"), new Cursor(Map.of("threads.since", "2026-11-22T08:30:00Z")))
                .block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId)
                .containsExactly("UgzNew001", "UgzAbc123.9xYzReply1", "UgzAbc123");
        assertThat(batch.next().get("threads.since")).isEqualTo("2026-11-22T09:50:00Z");
        // an API key reads published comments only; held ones need the owner's grant
        google.verify(2, getRequestedFor(urlPathEqualTo(THREADS)));
        google.verify(getRequestedFor(urlPathEqualTo(THREADS)).withQueryParam("key",
                equalTo("AIzaSyFakeKeyForReading")));
    }

    @Test
    void anExhaustedQuotaWaitsUntilMidnightPacificTime() {
        google.stubFor(get(urlPathEqualTo(THREADS)).willReturn(aResponse().withStatus(403).withBody("""
                {"error": {"code": 403, "message": "The request cannot be completed because you have exceeded your <a href=\\"/youtube/v3/getting-started#quota\\">quota</a>.",
                  "errors": [{"message": "quota", "domain": "youtube.quota", "reason": "quotaExceeded"}]}}
                """)));

        StepVerifier.create(connector.fetch(channel("acc-2"), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    // 10:00Z is 02:00 in California: the quota resets in 22 hours
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofHours(22));
                })
                .verify();
    }

    @Test
    void aRevokedGrantIsUnauthorizedAndSaysWhatToDo() {
        google.stubFor(post(urlPathEqualTo("/token")).willReturn(aResponse().withStatus(400)
                .withBody(
                        "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}")));

        StepVerifier.create(connector.fetch(channel("acc-1"), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("Token has been expired or revoked")
                            .contains("reconnect the channel").doesNotContain("1//0g");
                })
                .verify();
    }

    @Test
    void aBodyWithoutItemsIsMalformed() {
        google.stubFor(
                get(urlPathEqualTo(THREADS)).willReturn(aResponse().withStatus(200).withBody("{\"kind\":\"x\"}")));

        StepVerifier.create(connector.fetch(channel("acc-2"), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void hidingHoldsTheCommentForReviewAndDeletingRejectsIt() {
        stubToken();
        google.stubFor(post(urlPathEqualTo(MODERATE)).willReturn(aResponse().withStatus(204)));

        StepVerifier.create(connector.hideReply(channel("acc-1"), "UgzAbc123")).verifyComplete();
        StepVerifier.create(connector.deleteReply(channel("acc-1"), "UgzAbc123")).verifyComplete();

        google.verify(postRequestedFor(urlPathEqualTo(MODERATE)).withQueryParam("id", equalTo("UgzAbc123"))
                .withQueryParam("moderationStatus", equalTo("heldForReview"))
                .withHeader("Authorization", equalTo("Bearer ya29.fresh-access")));
        google.verify(
                postRequestedFor(urlPathEqualTo(MODERATE)).withQueryParam("moderationStatus", equalTo("rejected")));
    }

    @Test
    void anApiKeyCannotModerateSoTheModeratorActsByHand() {
        StepVerifier.create(connector.hideReply(channel("acc-2"), "UgzAbc123"))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNSUPPORTED)
                .verify();
    }

    @Test
    void aReplyToAReplyGoesToItsThread() {
        stubToken();
        google.stubFor(post(urlPathEqualTo("/youtube/v3/comments")).willReturn(aResponse().withStatus(200)
                .withBody("{\"kind\":\"youtube#comment\",\"id\":\"UgzAbc123.9xYzReply2\"}")));

        StepVerifier.create(connector.reply(channel("acc-1"), "UgzAbc123.9xYzReply1", "See you at the fair"))
                .expectNext("UgzAbc123.9xYzReply2").verifyComplete();

        google.verify(postRequestedFor(urlPathEqualTo("/youtube/v3/comments"))
                .withRequestBody(equalToJson(
                        "{\"snippet\":{\"parentId\":\"UgzAbc123\",\"textOriginal\":\"See you at the fair\"}}")));
    }
}
