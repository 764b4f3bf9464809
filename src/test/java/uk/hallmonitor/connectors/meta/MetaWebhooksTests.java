package uk.hallmonitor.connectors.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

class MetaWebhooksTests {

    private static final String PAGE = "104857321098765";
    private static final String SECRET = "3f9c2b7a0e1d4c5b8a7f6e5d4c3b2a19";

    private final TestVault vault = new TestVault().put("acc-1", "appSecret", SECRET)
            .put("acc-1", "webhookVerifyToken", "oakfield-verify-2026");
    private final MetaWebhooks webhooks = new MetaWebhooks(vault.secrets());

    private static Source page() {
        return new Source("acc-1", "school-1", Platform.FACEBOOK, PAGE, "oakfield", List.of(), Map.of(), 100);
    }

    static final String FEED = """
            {"object": "page", "entry": [
              {"id": "104857321098765", "time": 1795338000, "changes": [
                {"field": "feed", "value": {"from": {"id": "7712345", "name": "Jo Parent"}, "item": "comment",
                  "post_id": "104857321098765_5552", "comment_id": "5552_9011", "parent_id": "104857321098765_5552",
                  "verb": "add", "created_time": 1795337990, "message": "Is there a bake sale?"}},
                {"field": "feed", "value": {"from": {"id": "7712345", "name": "Jo Parent"}, "item": "comment",
                  "post_id": "104857321098765_5552", "comment_id": "5552_9001", "verb": "edited",
                  "created_time": 1795334400, "message": "Will PE kit be needed on Friday?"}},
                {"field": "feed", "value": {"item": "comment", "comment_id": "5552_9002", "verb": "remove",
                  "post_id": "104857321098765_5552", "created_time": 1795337000}},
                {"field": "feed", "value": {"item": "reaction", "reaction_type": "like", "verb": "add",
                  "post_id": "104857321098765_5552", "created_time": 1795337000}},
                {"field": "feed", "value": {"from": {"id": "7799", "name": "Visitor"}, "item": "status",
                  "post_id": "104857321098765_5570", "verb": "add", "created_time": 1795337900,
                  "message": "Lost a blue coat at pick-up"}}]},
              {"id": "999999", "time": 1795338000, "changes": [
                {"field": "feed", "value": {"item": "comment", "comment_id": "1_2", "verb": "add",
                  "post_id": "999999_1", "created_time": 1795337990, "message": "another Page's"}}]}]}
            """;

    static String sign(String secret, String body) {
        return "sha256=" + MetaWebhooks.expectedSignature(secret, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedFeedDeliveryBecomesTheSamePostsAsPolling() {
        List<FetchedPost> posts = webhooks.read(page(), FEED.getBytes(StandardCharsets.UTF_8), sign(SECRET, FEED))
                .block();

        assertThat(posts).extracting(FetchedPost::platformPostId, FetchedPost::kind, FetchedPost::inReplyToId,
                FetchedPost::text)
                .containsExactly(
                        tuple("5552_9011", "COMMENT", PAGE + "_5552", "Is there a bake sale?"),
                        tuple("5552_9001", "COMMENT", PAGE + "_5552", "Will PE kit be needed on Friday?"),
                        tuple(PAGE + "_5570", "COMMENT", null, "Lost a blue coat at pick-up"));
        assertThat(posts.get(0).postedAt()).isEqualTo(Instant.ofEpochSecond(1795337990));
        assertThat(posts.get(1).editedAt()).isEqualTo(Instant.ofEpochSecond(1795338000));
        assertThat(posts.get(0).editedAt()).isNull();
    }

    @Test
    void aWrongOrMissingSignatureIsRefused() {
        byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
        for (String signature : new String[] {null, "", sign("another-secret", FEED), "sha1=abc",
                sign(SECRET, FEED + " ")}) {
            StepVerifier.create(webhooks.read(page(), body, signature))
                    .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                    .verify();
        }
    }

    @Test
    void anInstagramCommentDeliveryBecomesAComment() {
        Source instagram = new Source("acc-1", "school-1", Platform.INSTAGRAM, "17841400008460056", "oakfield",
                List.of(), Map.of(), 100);
        String body = """
                {"object": "instagram", "entry": [{"id": "17841400008460056", "time": 1795338000, "changes": [
                  {"field": "comments", "value": {"from": {"id": "17841400000000002", "username": "jo.parent"},
                    "media": {"id": "17895695668004550", "media_product_type": "FEED"},
                    "id": "17858893269000020", "text": "Which day is the trip?"}},
                  {"field": "mentions", "value": {"media_id": "1789", "comment_id": "1790"}}]}]}
                """;

        List<FetchedPost> posts = webhooks.read(instagram, body.getBytes(StandardCharsets.UTF_8), sign(SECRET, body))
                .block();

        assertThat(posts).extracting(FetchedPost::platformPostId, FetchedPost::authorHandle, FetchedPost::inReplyToId)
                .containsExactly(tuple("17858893269000020", "jo.parent", "17895695668004550"));
    }

    @Test
    void aDeliveryForTheWrongObjectIsMalformed() {
        String body = "{\"object\": \"user\", \"entry\": []}";

        StepVerifier.create(webhooks.read(page(), body.getBytes(StandardCharsets.UTF_8), sign(SECRET, body)))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.MALFORMED)
                .verify();
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        StepVerifier.create(webhooks.challenge(page(), "subscribe", "oakfield-verify-2026", "1158201444"))
                .expectNext("1158201444").verifyComplete();
        StepVerifier.create(webhooks.challenge(page(), "subscribe", "guess", "1158201444")).verifyComplete();
        StepVerifier.create(webhooks.challenge(page(), "unsubscribe", "oakfield-verify-2026", "1")).verifyComplete();
    }
}
