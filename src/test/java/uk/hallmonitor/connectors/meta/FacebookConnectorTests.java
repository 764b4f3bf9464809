package uk.hallmonitor.connectors.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
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
import java.time.Duration;
import java.time.Instant;
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

class FacebookConnectorTests {

    private static final String PAGE = "104857321098765";
    private static final String ROOT = "/v23.0/";
    private static final String POSTS = ROOT + PAGE + "/posts";
    private static final String VISITORS = ROOT + PAGE + "/visitor_posts";
    private static final String TAGGED = ROOT + PAGE + "/tagged";
    private static final String FEED = ROOT + PAGE + "/feed";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZCZBfakePageToken";

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", TOKEN);
    private final FacebookConnector connector = new FacebookConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    static String json(String name) {
        try (InputStream in = FacebookConnectorTests.class.getResourceAsStream("/connectors/facebook/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Source page() {
        return ConnectorFixtures.account(Platform.FACEBOOK, PAGE, graph.baseUrl(), 100);
    }

    private void stubEmptyListsExcept(String... paths) {
        java.util.Set<String> taken = java.util.Set.of(paths);
        for (String path : new String[] {POSTS, VISITORS, TAGGED, FEED}) {
            if (!taken.contains(path)) {
                graph.stubFor(
                        get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody(json("empty.json"))));
            }
        }
    }

    @Test
    void aPagesPostsTheirCommentsAndRepliesVisitorPostsAndTagsArriveOnce() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(200).withBody(json("posts.json"))));
        graph.stubFor(get(urlPathEqualTo(VISITORS)).willReturn(aResponse().withStatus(200)
                .withBody(json("visitor_posts.json"))));
        graph.stubFor(
                get(urlPathEqualTo(TAGGED)).willReturn(aResponse().withStatus(200).withBody(json("tagged.json"))));
        graph.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody(json("feed.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "_5552/comments")).willReturn(aResponse().withStatus(200)
                .withBody(json("comments-5552.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "_5551/comments")).willReturn(aResponse().withStatus(200)
                .withBody(json("empty.json"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "_5560/comments")).willReturn(aResponse().withStatus(200)
                .withBody(json("empty.json"))));

        Batch batch = connector.fetch(page(), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind, FetchedPost::inReplyToId)
                .containsExactly(
                        tuple(PAGE + "_5552", "OWN_POST", null),
                        tuple(PAGE + "_5551", "OWN_POST", null),
                        tuple(PAGE + "_5560", "COMMENT", null),
                        tuple("99001122_7001", "MENTION", null),
                        tuple("5552_9003", "COMMENT", "5552_9001"),
                        tuple("5552_9002", "COMMENT", PAGE + "_5552"),
                        tuple("5552_9001", "COMMENT", PAGE + "_5552"));
        FetchedPost edited = batch.posts().get(0);
        assertThat(edited.editedAt()).isEqualTo(Instant.parse("2026-11-22T08:40:12Z"));
        assertThat(edited.postedAt()).isEqualTo(Instant.parse("2026-11-22T08:15:00Z"));
        assertThat(batch.posts().get(1).text()).isEqualTo("Oakfield Primary School updated their cover photo.");
        assertThat(batch.posts().get(1).editedAt()).isNull();
        // a comment the Page already hid is still collected: it is what a parent wrote
        assertThat(batch.posts().get(5).text()).isEqualTo("Rubbish planning as usual, you idiots");
        assertThat(batch.posts().get(5).authorHandle()).isEqualTo("Angry Person");
        assertThat(batch.warnings()).anyMatch(w -> w.contains(PAGE + "_5550") && w.contains("created_time"));
        assertThat(batch.next().positions())
                .containsEntry("own.since", "2026-11-22T08:15:00Z")
                .containsEntry("c." + PAGE + "_5552.since", "2026-11-22T09:10:00Z");
        // comments are read on the posts of the look-back window: 14 days before the clock's 2026-11-22T10:00Z
        graph.verify(getRequestedFor(urlPathEqualTo(FEED)).withQueryParam("fields", equalTo("id,created_time"))
                .withQueryParam("since",
                        equalTo(Long.toString(Instant.parse("2026-11-08T10:00:00Z").getEpochSecond()))));
        graph.verify(getRequestedFor(urlPathEqualTo(POSTS))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withQueryParam("access_token", absent())
                .withQueryParam("fields", equalTo(FacebookConnector.POST_FIELDS)));
        graph.verify(getRequestedFor(urlPathEqualTo(ROOT + PAGE + "_5552/comments"))
                .withQueryParam("filter", equalTo("stream"))
                .withQueryParam("order", equalTo("reverse_chronological")));
    }

    @Test
    void commentsArePagedWithCursorsAfterUntilTheLastStoredComment() {
        stubEmptyListsExcept(FEED);
        graph.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody("""
                {"data": [{"id": "104857321098765_5552", "created_time": "2026-11-22T08:15:00+0000"}]}
                """)));
        String comments = ROOT + PAGE + "_5552/comments";
        graph.stubFor(get(urlPathEqualTo(comments)).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [
                          {"id": "5552_9005", "message": "newest", "created_time": "2026-11-22T09:30:00+0000",
                           "from": {"name": "A", "id": "1"}},
                          {"id": "5552_9004", "message": "newer", "created_time": "2026-11-22T09:20:00+0000",
                           "from": {"name": "B", "id": "2"}}],
                         "paging": {"cursors": {"before": "b1", "after": "QVFIUjNEXT"},
                                    "next": "https://graph.facebook.com/v23.0/104857321098765_5552/comments?after=QVFIUjNEXT"}}
                        """)));
        graph.stubFor(get(urlPathEqualTo(comments)).withQueryParam("after", equalTo("QVFIUjNEXT"))
                .willReturn(aResponse().withStatus(200).withBody(json("comments-5552.json"))));
        Cursor stored = new Cursor(Map.of("posts", PAGE + "_5552@1795767300",
                "c." + PAGE + "_5552.since", "2026-11-22T09:05:00Z", "own.since", "2026-11-22T08:15:00Z"));

        Batch batch = connector.fetch(page(), stored).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId)
                .containsExactly("5552_9005", "5552_9004", "5552_9003");
        assertThat(batch.next().get("c." + PAGE + "_5552.since")).isEqualTo("2026-11-22T09:30:00Z");
        graph.verify(2, getRequestedFor(urlPathEqualTo(comments)));
        graph.verify(getRequestedFor(urlPathEqualTo(POSTS)).withQueryParam("since", equalTo("1795335300")));
    }

    @Test
    void anExpiredPageTokenIsUnauthorizedAndSaysWhatToDo() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(400).withBody("""
                {"error": {"message": "Error validating access token: Session has expired on Sunday, 22-Nov-26 01:00:00 PST. The current time is Sunday, 22-Nov-26 02:00:00 PST.",
                  "type": "OAuthException", "code": 190, "error_subcode": 463, "fbtrace_id": "AbCdEf123"}}
                """)));

        StepVerifier.create(connector.fetch(page(), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(failure.getMessage()).contains("Page access token has expired")
                            .contains("Session has expired on Sunday, 22-Nov-26")
                            .contains("an admin must reconnect the Page").doesNotContain(TOKEN);
                })
                .verify();
    }

    @Test
    void aRateLimitCodeWaitsAsLongAsMetaSays() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(400)
                .withHeader("X-Business-Use-Case-Usage", "{\"" + PAGE + "\":[{\"type\":\"pages\",\"call_count\":100,"
                        + "\"total_cputime\":40,\"total_time\":45,\"estimated_time_to_regain_access\":27}]}")
                .withBody("""
                        {"error": {"message": "(#32) Page request limit reached", "type": "OAuthException",
                          "code": 32, "fbtrace_id": "AbC"}}
                        """)));

        StepVerifier.create(connector.fetch(page(), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofMinutes(27));
                })
                .verify();
    }

    @Test
    void anAppThrottledWithoutAnEstimateWaitsTheDefault() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(403).withBody("""
                {"error": {"message": "(#4) Application request limit reached", "type": "OAuthException",
                  "is_transient": true, "code": 4, "fbtrace_id": "AbC"}}
                """)));

        StepVerifier.create(connector.fetch(page(), Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Graph.DEFAULT_THROTTLE);
                })
                .verify();
    }

    @Test
    void usageNearTheLimitSlowsTheNextPollDown() {
        stubEmptyListsExcept(POSTS);
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(200)
                .withHeader("X-App-Usage", "{\"call_count\":90,\"total_time\":25,\"total_cputime\":25}")
                .withBody(json("empty.json"))));

        Batch batch = connector.fetch(page(), Cursor.START).block();

        assertThat(batch.retryAfter()).isEqualTo(Duration.ofMinutes(30));
        assertThat(batch.warnings()).anyMatch(w -> w.contains("90% of Meta's limit"));
    }

    @Test
    void aBodyThatIsNotJsonIsMalformed() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(200)
                .withBody("<html>Sorry, something went wrong.</html>")));

        StepVerifier.create(connector.fetch(page(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void aListWithoutDataIsMalformed() {
        graph.stubFor(get(urlPathEqualTo(POSTS)).willReturn(aResponse().withStatus(200).withBody("{\"posts\":[]}")));

        StepVerifier.create(connector.fetch(page(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED
                        && failure.getMessage().contains("'data'"))
                .verify();
    }

    @Test
    void withoutATokenThePageIsNotConnected() {
        Source other = new Source("acc-2", "school-1", Platform.FACEBOOK, PAGE, "oakfield", java.util.List.of(),
                Map.of("baseUrl", graph.baseUrl()), 100);

        StepVerifier.create(connector.fetch(other, Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MISCONFIGURED
                        && failure.getMessage().startsWith("not connected:"))
                .verify();
        StepVerifier.create(connector.hideReply(other, "5552_9002"))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNSUPPORTED)
                .verify();
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void hidingACommentSetsIsHiddenAsThePage() {
        graph.stubFor(post(urlPathEqualTo(ROOT + "5552_9002")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));

        StepVerifier.create(connector.hideReply(page(), "5552_9002")).verifyComplete();
        StepVerifier.create(connector.unhideReply(page(), "5552_9002")).verifyComplete();

        graph.verify(postRequestedFor(urlPathEqualTo(ROOT + "5552_9002"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalTo("is_hidden=true")));
        graph.verify(postRequestedFor(urlPathEqualTo(ROOT + "5552_9002")).withRequestBody(equalTo("is_hidden=false")));
    }

    @Test
    void aCommentAlreadyDeletedIsNotFound() {
        graph.stubFor(post(urlPathEqualTo(ROOT + "5552_9009")).willReturn(aResponse().withStatus(400).withBody("""
                {"error": {"message": "Unsupported post request. Object with ID '5552_9009' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
                  "type": "GraphMethodException", "code": 100, "error_subcode": 33, "fbtrace_id": "x"}}
                """)));

        StepVerifier.create(connector.hideReply(page(), "5552_9009"))
                .expectErrorMatches(failure -> failure.getMessage().contains("not found"))
                .verify();
    }

    @Test
    void deletingAndReplyingActAsThePage() {
        graph.stubFor(delete(urlPathEqualTo(ROOT + "5552_9002")).willReturn(aResponse().withStatus(200)
                .withBody("{\"success\":true}")));
        graph.stubFor(post(urlPathEqualTo(ROOT + "5552_9001/comments")).willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"5552_9010\"}")));

        StepVerifier.create(connector.deleteReply(page(), "5552_9002")).verifyComplete();
        StepVerifier.create(connector.reply(page(), "5552_9001", "Yes, PE kit as usual & wellies"))
                .expectNext("5552_9010").verifyComplete();

        graph.verify(postRequestedFor(urlPathEqualTo(ROOT + "5552_9001/comments"))
                .withRequestBody(equalTo("message=Yes%2C%20PE%20kit%20as%20usual%20%26%20wellies")));
    }
}
