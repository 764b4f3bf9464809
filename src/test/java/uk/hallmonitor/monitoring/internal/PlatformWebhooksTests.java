package uk.hallmonitor.monitoring.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/**
 * Meta's webhooks through the public endpoint: the handshake, signed deliveries stored through the same path as
 * polling (a comment that arrives both ways is one post), and forged or oversized deliveries refused.
 */
class PlatformWebhooksTests extends AppTestSupport {

    private static final String SECRET = "3f9c2b7a0e1d4c5b8a7f6e5d4c3b2a19";
    static WireMockServer graph;

    @Autowired
    PollDispatcher dispatcher;

    @BeforeAll
    static void start() {
        graph = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        graph.start();
        graph.stubFor(any(urlPathMatching("/.*")).atPriority(10).willReturn(aResponse().withStatus(200)
                .withBody("{\"data\":[]}")));
    }

    @AfterAll
    static void stop() {
        graph.stop();
    }

    private ActiveAccount connectedPage(String page) {
        ActiveAccount school = activeAccount("FACEBOOK", page, graph.baseUrl());
        Map.of("pageAccessToken", "EAAGfake", "appSecret", SECRET, "webhookVerifyToken", "verify-" + page)
                .forEach((name, value) -> admin().put().uri("/api/v1/accounts/{id}/credentials/{name}",
                        school.accountId(), name).bodyValue(Map.of("secret", value)).exchange()
                        .expectStatus().isNoContent());
        return school;
    }

    private static String page() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    private static String comment(String page, String commentId, String text) {
        return """
                {"object": "page", "entry": [{"id": "%s", "time": 1795338000, "changes": [
                  {"field": "feed", "value": {"from": {"id": "7712345", "name": "Jo Parent"}, "item": "comment",
                    "post_id": "%s_1", "comment_id": "%s", "parent_id": "%s_1", "verb": "add",
                    "created_time": 1795337990, "message": "%s"}}]}]}
                """.formatted(page, page, commentId, page, text);
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheAccountsVerifyToken() {
        String page = page();
        ActiveAccount school = connectedPage(page);

        web.get().uri("/api/v1/webhooks/facebook/{id}?hub.mode=subscribe&hub.verify_token={t}&hub.challenge=1158201444",
                school.accountId(), "verify-" + page)
                .exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("1158201444");
        web.get().uri("/api/v1/webhooks/facebook/{id}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1",
                school.accountId())
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/webhooks/facebook/no-such-account?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void aCommentDeliveredAndPolledIsStoredOnce() throws Exception {
        String page = page();
        String commentId = page.substring(0, 6) + "_9011";
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + page + "/posts")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "%s_1", "message": "Bake sale on Friday", "created_time": "2026-11-22T08:00:00+0000",
                                   "from": {"id": "%s", "name": "Oakfield"}}]}
                        """.formatted(page, page))));
        // the posts of the look-back window, whose comments each poll reads
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + page + "/feed")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "%s_1", "created_time": "2026-11-22T08:00:00+0000"}]}
                        """.formatted(page))));
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + page + "_1/comments")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "%s", "message": "Is there a bake sale?", "created_time": "2026-11-22T09:39:50+0000",
                                   "from": {"id": "7712345", "name": "Jo Parent"}, "parent": {"id": "%s_1"}}]}
                        """.formatted(commentId, page))));
        ActiveAccount school = connectedPage(page);
        String body = comment(page, commentId, "Is there a bake sale?");

        web.post().uri("/api/v1/webhooks/facebook/{id}", school.accountId()).header("X-Hub-Signature-256", sign(body))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.posts").isEqualTo(1);
        // Meta re-delivers when unsure; the second delivery changes nothing
        web.post().uri("/api/v1/webhooks/facebook/{id}", school.accountId()).header("X-Hub-Signature-256", sign(body))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.stored").isEqualTo(0);
        // the scheduler may have polled the Page between activation and its token being stored, and backed off:
        // the clock moves on a quarter of an hour at each look so that poll falls due again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            clock.advance(Duration.ofMinutes(15));
            dispatcher.dispatch().block();
            graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/" + page + "_1/comments")));
        });

        // the poll read the comment too; once its store has finished, the page's post and the comment are there once
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = (List<Map<String, Object>>) admin().get()
                    .uri("/api/v1/posts?accountId={id}&size=50", school.accountId()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            assertThat(items).extracting(item -> item.get("platformPostId"))
                    .containsExactlyInAnyOrder(commentId, page + "_1");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstagramCommentDeliveredTwiceAndPolledIsStoredOnce() throws Exception {
        String user = "1784" + page();
        String media = user.substring(0, 8) + "004550";
        String commentId = user.substring(0, 8) + "009011";
        ActiveAccount school = activeAccount("INSTAGRAM", user, graph.baseUrl());
        Map.of("pageAccessToken", "EAAGfake", "appSecret", SECRET)
                .forEach((name, value) -> admin().put().uri("/api/v1/accounts/{id}/credentials/{name}",
                        school.accountId(), name).bodyValue(Map.of("secret", value)).exchange()
                        .expectStatus().isNoContent());
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + user + "/media")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "%s", "caption": "Harvest festival", "timestamp": "2026-11-22T08:00:00+0000",
                                   "username": "oakfieldprimary"}]}
                        """.formatted(media))));
        graph.stubFor(get(urlPathEqualTo("/v23.0/" + media + "/comments")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "%s", "text": "Which day is it?", "timestamp": "2026-11-22T09:40:00+0000",
                                   "username": "jo.parent", "from": {"id": "7712345", "username": "jo.parent"}}]}
                        """.formatted(commentId))));
        String body = """
                {"object": "instagram", "entry": [{"id": "%s", "time": 1795338000, "changes": [
                  {"field": "comments", "value": {"from": {"id": "7712345", "username": "jo.parent"},
                    "media": {"id": "%s", "media_product_type": "FEED"}, "id": "%s", "text": "Which day is it?"}}]}]}
                """.formatted(user, media, commentId);

        for (int delivery = 0; delivery < 2; delivery++) {
            web.post().uri("/api/v1/webhooks/instagram/{id}", school.accountId())
                    .header("X-Hub-Signature-256", sign(body)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isOk();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            clock.advance(Duration.ofMinutes(15));
            dispatcher.dispatch().block();
            graph.verify(getRequestedFor(urlPathEqualTo("/v23.0/" + media + "/comments")));
        });

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Map<String, Object>> items = (List<Map<String, Object>>) admin().get()
                    .uri("/api/v1/posts?accountId={id}&size=50", school.accountId()).exchange().expectStatus().isOk()
                    .expectBody(Map.class).returnResult().getResponseBody().get("items");
            assertThat(items).extracting(item -> item.get("platformPostId"))
                    .containsExactlyInAnyOrder(commentId, media);
        });
    }

    @Test
    void aForgedUnsignedOrOversizedDeliveryIsRefusedAndStoresNothing() throws Exception {
        String page = page();
        ActiveAccount school = connectedPage(page);
        String body = comment(page, page.substring(0, 6) + "_9012", "forged");
        String huge = comment(page, page.substring(0, 6) + "_9013", "x".repeat(PlatformWebhooksController.MAX_BODY));

        web.post().uri("/api/v1/webhooks/facebook/{id}", school.accountId())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("X-Hub-Signature-256"));
        web.post().uri("/api/v1/webhooks/facebook/{id}", school.accountId())
                .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden();
        web.post().uri("/api/v1/webhooks/facebook/{id}", school.accountId()).header("X-Hub-Signature-256", sign(huge))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange().expectStatus().isEqualTo(413);

        admin().get().uri("/api/v1/posts?accountId={id}", school.accountId()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }
}
