package uk.hallmonitor.connectors.youtube;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.HttpConnector;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/**
 * Polls the comment threads on a YouTube channel's videos ({@code platformAccountId} is the channel id, UC...) and
 * moderates them. With an OAuth refresh token of the channel's owner it also reads comments YouTube held for review
 * and can hold, reject, publish and answer; with only an API key it reads published comments.
 */
public final class YouTubeConnector extends HttpConnector {

    static final Set<String> SECRET_NAMES = Set.of("oauthRefreshToken", "clientId", "clientSecret", "apiKey");
    /** YouTube's daily quota resets at midnight in California. */
    static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");
    private static final int PAGE = 100;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public YouTubeConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.YOUTUBE, Set.of(Capability.COMMENTS, Capability.HIDE_REPLY, Capability.DELETE_REPLY,
                Capability.REPLY),
                http, secrets, clock, properties);
    }

    /** How calls are authorised: a Bearer access token from the owner's grant, or an API key for reading. */
    private record Access(String bearer, String apiKey) {
        boolean owner() {
            return bearer != null;
        }
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            if (source.isWatch()) {
                return Mono.error(new ConnectorException(Kind.UNSUPPORTED,
                        "YouTube comment search is not offered; watch the school's own channel instead", null));
            }
            String base = Connections.baseUrl(source, properties.youtubeBaseUrl());
            Harvest harvest = harvest(source);
            return secrets.with(source, SECRET_NAMES, vault -> access(source, vault, Kind.MISCONFIGURED)
                    .flatMap(access -> gather(harvest, since, positions -> {
                        Mono<Void> published = threads(source, since, base, access, harvest, positions,
                                "threads", "published");
                        Mono<Void> held = access.owner() ? threads(source, since, base, access, harvest, positions,
                                "held", "heldForReview") : Mono.empty();
                        return published.then(held);
                    })));
        });
    }

    private Mono<Void> threads(Source source, Cursor since, String base, Access access, Harvest harvest,
                               Map<String, String> positions, String name, String status) {
        PagedStream stream = new PagedStream(name, PagedStream.INSTANT, 1, PAGE, properties.maxPages());
        return stream.readInto(since, harvest, (after, token, limit) -> {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("part", "snippet,replies");
            params.put("allThreadsRelatedToChannelId", source.platformAccountId());
            params.put("maxResults", Integer.toString(limit));
            params.put("order", "time");
            params.put("textFormat", "plainText");
            params.put("moderationStatus", status);
            if (token != null) {
                params.put("pageToken", token);
            }
            return list(base, access, params, harvest);
        }, positions);
    }

    private Mono<Page> list(String base, Access access, Map<String, String> params, Harvest harvest) {
        if (!access.owner()) {
            params.put("key", access.apiKey());
        }
        return http.exchange(HttpMethod.GET, uri(base + "youtube/v3/commentThreads", params), headers(access),
                null, null, this::error, clock)
                .map(reply -> {
                    JsonNode body = Json.parse(reply.body(), "YouTube commentThreads");
                    if (!Json.hasArray(body, "items")) {
                        throw new ConnectorException(Kind.MALFORMED, "YouTube commentThreads sent no 'items' list",
                                null);
                    }
                    List<Entry> entries = new ArrayList<>();
                    int index = 0;
                    for (JsonNode thread : Json.array(body, "items")) {
                        entries.add(thread(thread, index++, harvest));
                    }
                    String next = Json.text(body, "nextPageToken");
                    return new Page(entries, index, index > 0 ? next : null, null);
                });
    }

    /** A thread's top comment is the entry; its replies (the few YouTube includes) go to the harvest directly. */
    private static Entry thread(JsonNode thread, int index, Harvest harvest) {
        JsonNode snippet = Json.object(thread, "snippet");
        JsonNode top = Json.object(snippet, "topLevelComment");
        Instant published = published(top);
        String key = published == null ? null : published.toString();
        String threadId = Json.text(thread, "id");
        FetchedPost post = comment(top, index, threadId, null, Json.text(snippet, "videoId"), harvest);
        if (post != null) {
            int replyIndex = 0;
            for (JsonNode reply : Json.array(Json.object(thread, "replies"), "comments")) {
                FetchedPost answer = comment(reply, replyIndex++, threadId, post.platformPostId(),
                        Json.text(snippet, "videoId"), harvest);
                if (answer != null) {
                    harvest.add(answer);
                }
            }
        }
        return new Entry(key, post);
    }

    private static Instant published(JsonNode comment) {
        try {
            return Json.instant(Json.object(comment, "snippet"), "publishedAt");
        } catch (Json.BadItem bad) {
            return null;
        }
    }

    private static FetchedPost comment(JsonNode comment, int index, String threadId, String parent, String videoId,
                                       Harvest harvest) {
        String label = comment == null ? null : Json.text(comment, "id");
        return harvest.readOrSkip("YouTube comment " + (label != null ? label : "#" + index), () -> {
            if (comment == null) {
                throw new Json.BadItem("no comment");
            }
            String id = Json.required(comment, "id");
            JsonNode snippet = Json.object(comment, "snippet");
            String text = Json.present(Json.text(snippet, "textOriginal") != null ? Json.text(snippet, "textOriginal")
                    : Json.text(snippet, "textDisplay"), "text");
            Instant published = Json.requiredInstant(snippet, "publishedAt");
            Instant updated = Json.instant(snippet, "updatedAt");
            String url = videoId == null ? null : "https://www.youtube.com/watch?v="
                    + URLEncoder.encode(videoId, StandardCharsets.UTF_8) + "&lc=" + URLEncoder.encode(id,
                            StandardCharsets.UTF_8);
            return new FetchedPost(id, PostKinds.COMMENT, Json.text(Json.object(snippet, "authorChannelId"), "value"),
                    Json.text(snippet, "authorDisplayName"), text, url, threadId,
                    parent != null ? parent : videoId, published,
                    updated != null && updated.isAfter(published) ? updated : null);
        });
    }

    /**
     * Exchanges the owner's refresh token for an access token (one call per poll or action: no token is kept), or
     * falls back to the API key for reading. {@code missing} is the kind of failure when neither is stored.
     */
    private Mono<Access> access(Source source, Map<String, String> vault, Kind missing) {
        String refresh = vault.get("oauthRefreshToken");
        if (refresh == null || refresh.isBlank()) {
            String key = vault.get("apiKey");
            if (key == null || key.isBlank() || missing == Kind.UNSUPPORTED) {
                return Mono.error(new ConnectorException(missing, "not connected: the vault holds no "
                        + "'oauthRefreshToken' (with 'clientId' and 'clientSecret')"
                        + (missing == Kind.UNSUPPORTED ? "" : " or 'apiKey'") + " for YouTube account " + source.id()
                        + "; store them, or keep importing exported comments", null));
            }
            return Mono.just(new Access(null, key));
        }
        String clientId = Secrets.require(vault, "clientId", source);
        String clientSecret = Secrets.require(vault, "clientSecret", source);
        String tokenUrl = tokenUrl(source);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.put("refresh_token", refresh);
        form.put("grant_type", "refresh_token");
        return http.exchange(HttpMethod.POST, URI.create(tokenUrl), Map.of("Accept", "application/json"),
                MediaType.APPLICATION_FORM_URLENCODED, PlatformHttp.form(form).getBytes(StandardCharsets.UTF_8),
                this::tokenError, clock)
                .map(reply -> {
                    String token = Json.text(Json.parse(reply.body(), "Google's token endpoint"), "access_token");
                    if (token == null || token.isBlank()) {
                        throw new ConnectorException(Kind.MALFORMED, "Google's token endpoint gave no access token",
                                null);
                    }
                    return new Access(token, null);
                });
    }

    /**
     * Google's token endpoint: {@code connection.tokenUrl}; else, when {@code connection.baseUrl} replaces Google's
     * API root, the token path on that root ({@code oauth2/v4/token}, which www.googleapis.com also answers); else
     * the configured endpoint.
     */
    private String tokenUrl(Source source) {
        String explicit = source.connection().get("tokenUrl");
        if (explicit != null && !explicit.isBlank()) {
            return Connections.checked(explicit, "tokenUrl", source);
        }
        String base = source.connection().get("baseUrl");
        if (base != null && !base.isBlank()) {
            return Connections.baseUrl(source, null) + "oauth2/v4/token";
        }
        return properties.googleTokenUrl();
    }

    private ConnectorException tokenError(int status, HttpHeaders headers, byte[] body, String what) {
        JsonNode answer = read(body);
        String error = Json.text(answer, "error");
        if ("invalid_grant".equals(error)) {
            return new ConnectorException(Kind.UNAUTHORIZED, "the YouTube grant has expired or was revoked ("
                    + said(Json.text(answer, "error_description")) + "); an admin must reconnect the channel and "
                    + "store a new oauthRefreshToken", null);
        }
        if ("invalid_client".equals(error) || "unauthorized_client".equals(error)) {
            return new ConnectorException(Kind.UNAUTHORIZED, "Google refused the YouTube app's clientId or "
                    + "clientSecret (" + error + "); an admin must check them", null);
        }
        return null;
    }

    /** Reads Google's {@code {"error": {"code", "errors": [{"reason"}]}}} body. */
    ConnectorException error(int status, HttpHeaders headers, byte[] body, String what) {
        JsonNode error = Json.object(read(body), "error");
        if (error == null) {
            return null;
        }
        String reason = null;
        for (JsonNode detail : Json.array(error, "errors")) {
            reason = Json.text(detail, "reason");
            if (reason != null) {
                break;
            }
        }
        String message = said(Json.text(error, "message"));
        if ("quotaExceeded".equals(reason) || "dailyLimitExceeded".equals(reason)) {
            Duration wait = untilQuotaResets();
            return new ConnectorException(Kind.RATE_LIMITED, "the YouTube API quota for today is used up ("
                    + reason + "); polling resumes when it resets at midnight Pacific time, in "
                    + wait.toMinutes() + " min", wait);
        }
        if ("rateLimitExceeded".equals(reason) || "userRateLimitExceeded".equals(reason)) {
            return new ConnectorException(Kind.RATE_LIMITED, "YouTube asked us to slow down (" + reason + ")",
                    Duration.ofMinutes(5));
        }
        if (status == 401 || "insufficientPermissions".equals(reason) || "forbidden".equals(reason)) {
            return new ConnectorException(Kind.UNAUTHORIZED, "YouTube refused the channel's credentials ("
                    + reason + ": " + message + "); an admin must reconnect the channel", null);
        }
        if ("commentNotFound".equals(reason) || "channelNotFound".equals(reason)
                || "videoNotFound".equals(reason)) {
            return ConnectorException.notFound(what + ": not found on YouTube (" + reason + ")");
        }
        if ("commentsDisabled".equals(reason)) {
            return new ConnectorException(Kind.MISCONFIGURED, "comments are turned off on this YouTube channel or "
                    + "video (" + reason + ")", null);
        }
        return null;
    }

    private Duration untilQuotaResets() {
        ZonedDateTime now = clock.instant().atZone(QUOTA_ZONE);
        ZonedDateTime midnight = LocalDate.from(now).plusDays(1).atStartOfDay(QUOTA_ZONE);
        return Duration.between(now, midnight);
    }

    /** Holds the comment for review: it leaves public view until a moderator publishes it again. */
    @Override
    public Mono<Void> hideReply(Source source, String platformPostId) {
        return moderate(source, platformPostId, "heldForReview");
    }

    @Override
    public Mono<Void> unhideReply(Source source, String platformPostId) {
        return moderate(source, platformPostId, "published");
    }

    /** Rejects the comment: YouTube lets a channel delete only its own comments, and reject anyone's. */
    @Override
    public Mono<Void> deleteReply(Source source, String platformPostId) {
        return moderate(source, platformPostId, "rejected");
    }

    private Mono<Void> moderate(Source source, String commentId, String status) {
        return Mono.defer(() -> {
            String base = Connections.baseUrl(source, properties.youtubeBaseUrl());
            return secrets.with(source, SECRET_NAMES, vault -> access(source, vault, Kind.UNSUPPORTED)
                    .flatMap(access -> {
                        Map<String, String> params = new LinkedHashMap<>();
                        params.put("id", commentId);
                        params.put("moderationStatus", status);
                        return http.exchange(HttpMethod.POST, uri(base + "youtube/v3/comments/setModerationStatus",
                                params), headers(access), null, null, this::error, clock);
                    })).then();
        });
    }

    /** Answers as the channel; a reply to a reply goes to its thread, as YouTube allows one level only. */
    @Override
    public Mono<String> reply(Source source, String platformPostId, String text) {
        return Mono.defer(() -> {
            if (text == null || text.isBlank()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "a reply needs some text", null));
            }
            String base = Connections.baseUrl(source, properties.youtubeBaseUrl());
            int dot = platformPostId.indexOf('.');
            String parent = dot > 0 ? platformPostId.substring(0, dot) : platformPostId;
            byte[] body = Json.write(Map.of("snippet", Map.of("parentId", parent, "textOriginal", text)));
            return secrets.with(source, SECRET_NAMES, vault -> access(source, vault, Kind.UNSUPPORTED)
                    .flatMap(access -> http.exchange(HttpMethod.POST,
                            uri(base + "youtube/v3/comments", Map.of("part", "snippet")), headers(access),
                            MediaType.APPLICATION_JSON, body, this::error, clock))
                    .map(reply -> {
                        String id = Json.text(Json.parse(reply.body(), "YouTube comments.insert"), "id");
                        if (id == null) {
                            throw new ConnectorException(Kind.MALFORMED, "YouTube did not say which reply it made",
                                    null);
                        }
                        return id;
                    }));
        });
    }

    private static Map<String, String> headers(Access access) {
        return access.owner() ? Map.of("Authorization", "Bearer " + access.bearer()) : Map.of();
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String said(String message) {
        if (message == null) {
            return "no detail";
        }
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }

    private static URI uri(String path, Map<String, String> params) {
        return URI.create(path + "?" + PlatformHttp.form(params));
    }
}
