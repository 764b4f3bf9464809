package uk.hallmonitor.connectors.meta;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.PlatformWebhooks;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/**
 * Meta's webhooks for a Facebook Page ({@code object: page}, field {@code feed}) and an Instagram account
 * ({@code object: instagram}, field {@code comments}): new and edited comments and visitor posts become the same
 * posts, under the same ids, as the connectors' polls make. Removals, hides, reactions and likes carry no text to
 * check and are passed over.
 */
public final class MetaWebhooks implements PlatformWebhooks {

    static final String APP_SECRET = "appSecret";
    static final String VERIFY_TOKEN = "webhookVerifyToken";
    private static final Set<String> NAMES = Set.of(APP_SECRET, VERIFY_TOKEN);
    private static final Set<String> POST_ITEMS = Set.of("post", "status", "photo", "video", "share");

    private final Secrets secrets;

    public MetaWebhooks(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public Set<Platform> platforms() {
        return Set.of(Platform.FACEBOOK, Platform.INSTAGRAM);
    }

    @Override
    public Mono<String> challenge(Source source, String mode, String verifyToken, String challenge) {
        return secrets.with(source, NAMES, vault -> {
            String expected = vault.get(VERIFY_TOKEN);
            if (expected == null || expected.isBlank() || verifyToken == null || challenge == null
                    || !"subscribe".equals(mode)) {
                return Mono.empty();
            }
            return same(expected, verifyToken) ? Mono.just(challenge) : Mono.empty();
        });
    }

    @Override
    public Mono<List<FetchedPost>> read(Source source, byte[] body, String signature) {
        return secrets.with(source, NAMES, vault -> {
            String appSecret = vault.get(APP_SECRET);
            if (appSecret == null || appSecret.isBlank()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "the vault holds no '" + APP_SECRET
                        + "' for " + source.platform() + " account " + source.id() + ": deliveries cannot be checked",
                        null));
            }
            if (signature == null || !signature.startsWith("sha256=")
                    || !same(expectedSignature(appSecret, body), signature.substring(7).toLowerCase(Locale.ROOT))) {
                return Mono.error(new ConnectorException(Kind.UNAUTHORIZED,
                        "X-Hub-Signature-256 is missing or does not match the app secret", null));
            }
            return Mono.fromCallable(() -> posts(source, Json.parse(body, "Meta webhook")));
        });
    }

    private static List<FetchedPost> posts(Source source, JsonNode delivery) {
        String object = Json.text(delivery, "object");
        String expectedObject = source.platform() == Platform.INSTAGRAM ? "instagram" : "page";
        if (!expectedObject.equals(object)) {
            throw new ConnectorException(Kind.MALFORMED, "a " + source.platform() + " delivery must be about object '"
                    + expectedObject + "', not '" + object + "'", null);
        }
        List<FetchedPost> posts = new ArrayList<>();
        for (JsonNode entry : Json.array(delivery, "entry")) {
            // a delivery for another Page or account at this account's address is not this account's
            if (!source.platformAccountId().equals(Json.text(entry, "id"))) {
                continue;
            }
            Instant time = epoch(entry.get("time"));
            for (JsonNode change : Json.array(entry, "changes")) {
                JsonNode value = Json.object(change, "value");
                String field = Json.text(change, "field");
                FetchedPost post = source.platform() == Platform.INSTAGRAM
                        ? ("comments".equals(field) ? instagramComment(value, time) : null)
                        : ("feed".equals(field) ? pageFeed(source, value, time) : null);
                if (post != null) {
                    posts.add(post);
                }
            }
        }
        return posts;
    }

    private static FetchedPost pageFeed(Source source, JsonNode value, Instant time) {
        String verb = Json.text(value, "verb");
        String item = Json.text(value, "item");
        if (!"add".equals(verb) && !"edited".equals(verb)) {
            return null;
        }
        String message = Json.text(value, "message");
        if (message == null) {
            return null;
        }
        Instant created = epoch(value.get("created_time"));
        Instant postedAt = created != null ? created : time;
        Instant editedAt = "edited".equals(verb) ? time : null;
        JsonNode from = Json.object(value, "from");
        String postId = Json.text(value, "post_id");
        if ("comment".equals(item)) {
            String id = Json.text(value, "comment_id");
            String parent = Json.text(value, "parent_id");
            return id == null || postedAt == null ? null : new FetchedPost(id, PostKinds.COMMENT,
                    Json.text(from, "id"), Json.text(from, "name"), message, null, postId,
                    parent != null ? parent : postId, postedAt, editedAt);
        }
        if (POST_ITEMS.contains(item) && postId != null && postedAt != null) {
            boolean own = source.platformAccountId().equals(Json.text(from, "id"));
            return new FetchedPost(postId, own ? PostKinds.OWN_POST : PostKinds.COMMENT, Json.text(from, "id"),
                    Json.text(from, "name"), message, null, postId, null, postedAt, editedAt);
        }
        return null;
    }

    private static FetchedPost instagramComment(JsonNode value, Instant time) {
        String id = Json.text(value, "id");
        String text = Json.text(value, "text");
        if (id == null || text == null || time == null) {
            return null;
        }
        JsonNode from = Json.object(value, "from");
        String media = Json.text(Json.object(value, "media"), "id");
        String parent = Json.text(value, "parent_id");
        return new FetchedPost(id, PostKinds.COMMENT, Json.text(from, "id"), Json.text(from, "username"), text, null,
                media, parent != null ? parent : media, time, null);
    }

    private static Instant epoch(JsonNode value) {
        return value != null && value.isNumber() && value.asLong() > 0 ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    static String expectedSignature(String appSecret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Compares in constant time, so that timing does not reveal how much of a guess was right. */
    private static boolean same(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
