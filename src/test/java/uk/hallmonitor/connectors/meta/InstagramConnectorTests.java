package uk.hallmonitor.connectors.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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

class InstagramConnectorTests {

    private static final String USER = "17841400008460056";
    private static final String MEDIA_ID = "17895695668004550";
    private static final String ROOT = "/v23.0/";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAInstagramPageToken";

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", TOKEN);
    private final InstagramConnector connector = new InstagramConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private static String json(String name) {
        try (InputStream in = InstagramConnectorTests.class.getResourceAsStream("/connectors/instagram/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source account() {
        return ConnectorFixtures.account(Platform.INSTAGRAM, USER, graph.baseUrl(), 100);
    }

    @Test
    void mediaCommentsRepliesAndTagsArriveWithTheirThread() {
        graph.stubFor(get(urlPathEqualTo(ROOT + USER + "/media")).willReturn(aResponse().withStatus(200)
                .withBody(json("media.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + USER + "/tags")).willReturn(aResponse().withStatus(200)
                .withBody(json("tags.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + MEDIA_ID + "/comments")).willReturn(aResponse().withStatus(200)
                .withBody(json("comments.json"))));

        Batch batch = connector.fetch(account(), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind,
                FetchedPost::authorHandle, FetchedPost::inReplyToId)
                .containsExactly(
                        tuple(MEDIA_ID, "OWN_POST", "oakfieldprimary", null),
                        tuple("17912345678901234", "MENTION", "a_parent", null),
                        tuple("17858893269000003", "COMMENT", "oakfieldprimary", "17858893269000002"),
                        tuple("17858893269000002", "COMMENT", "jo.parent", MEDIA_ID),
                        tuple("17858893269000001", "COMMENT", "troll_account", MEDIA_ID));
        assertThat(batch.warnings()).anyMatch(w -> w.contains("17858893269000000") && w.contains("no text"));
        // a first poll reads one page of comments and does not walk into the media's history
        graph.verify(1, getRequestedFor(urlPathEqualTo(ROOT + MEDIA_ID + "/comments")));
        graph.verify(getRequestedFor(urlPathEqualTo(ROOT + USER + "/media"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)).withQueryParam("access_token", absent()));
        assertThat(batch.next().get("c." + MEDIA_ID + ".since")).isEqualTo("2026-11-22T09:20:00Z");
    }

    @Test
    void theNextPollFollowsTheAfterCursorUntilWhatWasStored() {
        graph.stubFor(get(urlPathEqualTo(ROOT + USER + "/media")).willReturn(aResponse().withStatus(200)
                .withBody(json("media.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + USER + "/tags")).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[]}")));
        graph.stubFor(get(urlPathEqualTo(ROOT + MEDIA_ID + "/comments")).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody(json("comments.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + MEDIA_ID + "/comments")).withQueryParam("after", equalTo("QVFIUmx2"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [{"id": "17858893268999999", "text": "first!", "timestamp": "2026-11-22T08:30:00+0000",
                                   "username": "early_bird"},
                                  {"id": "17858893268999998", "text": "stored already",
                                   "timestamp": "2026-11-22T08:10:00+0000", "username": "x"}]}
                        """)));
        Cursor stored = new Cursor(Map.of("posts", MEDIA_ID + "@1795334400",
                "c." + MEDIA_ID + ".since", "2026-11-22T08:20:00Z"));

        Batch batch = connector.fetch(account(), stored).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId).contains("17858893268999999")
                .doesNotContain("17858893268999998");
        assertThat(batch.next().get("c." + MEDIA_ID + ".since")).isEqualTo("2026-11-22T09:20:00Z");
    }

    @Test
    void anInvalidatedTokenIsUnauthorized() {
        graph.stubFor(get(urlPathEqualTo(ROOT + USER + "/media")).willReturn(aResponse().withStatus(400).withBody("""
                {"error": {"message": "Error validating access token: The user has not authorized application 1234.",
                  "type": "OAuthException", "code": 190, "error_subcode": 458, "fbtrace_id": "A1"}}
                """)));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED
                        && failure.getMessage().contains("Instagram"))
                .verify();
    }

    @Test
    void hidingDeletingAndReplyingUseInstagramsCommentEndpoints() {
        graph.stubFor(post(urlPathEqualTo(ROOT + "17858893269000001")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));
        graph.stubFor(delete(urlPathEqualTo(ROOT + "17858893269000001")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));
        graph.stubFor(post(urlPathEqualTo(ROOT + "17858893269000002/replies")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"17858893269000009\"}")));

        StepVerifier.create(connector.hideReply(account(), "17858893269000001")).verifyComplete();
        StepVerifier.create(connector.deleteReply(account(), "17858893269000001")).verifyComplete();
        StepVerifier.create(connector.reply(account(), "17858893269000002", "Year 6")).expectNext("17858893269000009")
                .verifyComplete();

        graph.verify(
                postRequestedFor(urlPathEqualTo(ROOT + "17858893269000001")).withRequestBody(equalTo("hide=true")));
        graph.verify(deleteRequestedFor(urlPathEqualTo(ROOT + "17858893269000001")));
    }

    @Test
    void aHideThatInstagramDoesNotConfirmFails() {
        graph.stubFor(post(urlPathEqualTo(ROOT + "17858893269000001")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":false}")));

        StepVerifier.create(connector.hideReply(account(), "17858893269000001"))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }
}
