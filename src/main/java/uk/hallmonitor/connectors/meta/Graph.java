package uk.hallmonitor.connectors.meta;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.Secrets;

/**
 * Calls Meta's Graph API for the Facebook and Instagram connectors: one pinned version, the Page access token in the
 * {@code Authorization} header (never in a URL that could be logged), Graph error codes turned into failures the
 * poller acts on, and the usage headers turned into a pause before a limit is reached.
 */
record Graph(PlatformHttp http, Clock clock, ConnectorProperties properties, String platformName) {

    static final String TOKEN = "pageAccessToken";
    static final Set<String> SECRET_NAMES = Set.of(TOKEN);
    /** Rate-limit codes: app (4), user (17), Page (32), custom (613) and the business-use-case range. */
    private static final Set<Integer> THROTTLED = Set.of(4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006,
            80008, 80009, 80014);
    /** When Meta throttles without saying for how long. */
    static final Duration DEFAULT_THROTTLE = Duration.ofMinutes(15);
    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The versioned root for a source: {@code connection.baseUrl} (or graph.facebook.com) plus the pinned version. */
    String root(Source source) {
        return Connections.baseUrl(source, properties.graphBaseUrl()) + properties.graphVersion() + "/";
    }

    /** The Page access token, or a failure that says plainly the account is not connected. */
    String token(Map<String, String> vault, Source source) {
        String token = vault.get(TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConnectorException(Kind.MISCONFIGURED, notConnected(source), null);
        }
        return token;
    }

    /** Actions need the token too; without one the moderator acts on the platform by hand. */
    String actionToken(Map<String, String> vault, Source source) {
        String token = vault.get(TOKEN);
        if (token == null || token.isBlank()) {
            throw new ConnectorException(Kind.UNSUPPORTED, notConnected(source), null);
        }
        return token;
    }

    private String notConnected(Source source) {
        return "not connected: the vault holds no '" + TOKEN + "' for " + platformName + " account " + source.id()
                + "; store the Page access token, or keep importing exported comments";
    }

    /** One GET inside a poll: the answer as a JSON object; usage headers may pause the harvest. */
    Mono<JsonNode> get(String root, String token, String path, Map<String, String> params, Harvest harvest) {
        return http.exchange(HttpMethod.GET, uri(root, path, params), auth(token), null, null, this::error, clock)
                .map(reply -> {
                    slowDown(reply.headers(), harvest);
                    return Json.parse(reply.body(), platformName + " " + path);
                });
    }

    /**
     * One page of a Graph list edge ({@code data} plus {@code paging}); the next token is {@code paging.cursors.after}
     * while {@code paging.next} says there is a next page.
     */
    Mono<Page> page(String root, String token, String path, Map<String, String> params, Harvest harvest,
                    BiFunction<JsonNode, Integer, Entry> entry) {
        return http.exchange(HttpMethod.GET, uri(root, path, params), auth(token), null, null, this::error, clock)
                .map(reply -> {
                    Duration pause = slowDown(reply.headers(), harvest);
                    JsonNode body = Json.parse(reply.body(), platformName + " " + path);
                    if (!Json.hasArray(body, "data")) {
                        throw new ConnectorException(Kind.MALFORMED, platformName + " " + path
                                + " sent no 'data' list", null);
                    }
                    List<Entry> entries = new ArrayList<>();
                    int index = 0;
                    for (JsonNode item : Json.array(body, "data")) {
                        entries.add(entry.apply(item, index++));
                    }
                    JsonNode paging = Json.object(body, "paging");
                    String after = Json.text(Json.object(paging, "cursors"), "after");
                    String next = Json.text(paging, "next") != null && index > 0 ? after : null;
                    return new Page(entries, index, next, pause);
                });
    }

    /** A POST of form parameters as the Page (hide, unhide, reply); the answer as a JSON object. */
    Mono<JsonNode> post(String root, String token, String path, Map<String, String> params) {
        return http.exchange(HttpMethod.POST, URI.create(root + path), auth(token),
                MediaType.APPLICATION_FORM_URLENCODED,
                PlatformHttp.form(params).getBytes(StandardCharsets.UTF_8),
                this::error, clock)
                .map(reply -> Json.parse(reply.body(), platformName + " " + path));
    }

    Mono<Void> delete(String root, String token, String path) {
        return http.exchange(HttpMethod.DELETE, URI.create(root + path), auth(token), null, null, this::error, clock)
                .flatMap(reply -> succeeded(reply.body(), path));
    }

    /** Graph answers {@code {"success": true}} to hide and delete; anything else did not happen. */
    Mono<Void> succeeded(byte[] body, String path) {
        JsonNode answer = Json.parse(body, platformName + " " + path);
        JsonNode success = answer.get("success");
        if (success != null && success.isBoolean() && success.asBoolean()) {
            return Mono.empty();
        }
        return Mono.error(new ConnectorException(Kind.MALFORMED, platformName + " did not confirm " + path, null));
    }

    Mono<Void> postConfirmed(String root, String token, String path, Map<String, String> params) {
        return http.exchange(HttpMethod.POST, URI.create(root + path), auth(token),
                MediaType.APPLICATION_FORM_URLENCODED,
                PlatformHttp.form(params).getBytes(StandardCharsets.UTF_8),
                this::error, clock)
                .flatMap(reply -> succeeded(reply.body(), path));
    }

    private Duration slowDown(HttpHeaders headers, Harvest harvest) {
        GraphUsage usage = GraphUsage.of(headers);
        Duration pause = usage.pause(properties.usageSlowDownPercent());
        if (pause != null && harvest != null) {
            harvest.pause(pause);
            harvest.warn(platformName + " API usage is at " + usage.percent() + "% of Meta's limit; polling slows "
                    + "down for " + pause.toMinutes() + " min");
        }
        return pause;
    }

    /** Reads Graph's {@code {"error": {"code", "error_subcode", "message"}}} body; {@code null} for anything else. */
    ConnectorException error(int status, HttpHeaders headers, byte[] body, String what) {
        JsonNode error;
        try {
            JsonNode root = MAPPER.readTree(body);
            error = root == null ? null : Json.object(root, "error");
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
        if (error == null || error.get("code") == null || !error.get("code").isNumber()) {
            return null;
        }
        int code = error.get("code").asInt();
        JsonNode subcodeNode = error.get("error_subcode");
        int subcode = subcodeNode != null && subcodeNode.isNumber() ? subcodeNode.asInt() : 0;
        String message = said(Json.text(error, "message"));
        String label = " (Graph error " + code + (subcode != 0 ? "/" + subcode : "") + ")";
        if (code == 190) {
            String why = switch (subcode) {
                case 463 -> "has expired";
                case 460 -> "stopped working because the password of the person who made it changed";
                case 458, 459 -> "was withdrawn: the app is no longer allowed on the Page";
                default -> "is no longer valid";
            };
            return new ConnectorException(Kind.UNAUTHORIZED, "the " + platformName + " Page access token " + why
                    + label + ": " + message + "; an admin must reconnect the Page and store a new " + TOKEN, null);
        }
        if (THROTTLED.contains(code)) {
            GraphUsage usage = GraphUsage.of(headers);
            Duration wait = usage.regainAccess() != null ? usage.regainAccess() : DEFAULT_THROTTLE;
            return new ConnectorException(Kind.RATE_LIMITED, platformName + " rate limit reached" + label + ": "
                    + message + "; waiting " + wait.toMinutes() + " min", wait);
        }
        if (code == 10 || code >= 200 && code <= 299) {
            return new ConnectorException(Kind.UNAUTHORIZED, "the " + platformName + " app lacks a permission"
                    + label + ": " + message + "; an admin must grant it (see deploy/docs/connectors.md)", null);
        }
        if (code == 100 && subcode == 33) {
            return ConnectorException.notFound(what + ": not found on " + platformName + label + ": " + message);
        }
        JsonNode transientNode = error.get("is_transient");
        if (code == 1 || code == 2 || transientNode != null && transientNode.asBoolean()) {
            return new ConnectorException(Kind.TRANSIENT, platformName + " had a temporary problem" + label, null);
        }
        return new ConnectorException(Kind.MISCONFIGURED, what + " answered " + status + label + ": " + message,
                null);
    }

    /** Graph's own time format, {@code 2026-11-22T09:30:00+0000}, or ISO-8601; {@code null} when absent. */
    static Instant time(JsonNode node, String field) {
        String value = Json.text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, GRAPH_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return Json.instant(node, field);
        }
    }

    private static String said(String message) {
        if (message == null) {
            return "no detail";
        }
        return message.length() <= 200 ? message : message.substring(0, 200) + "…";
    }

    private static Map<String, String> auth(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static URI uri(String root, String path, Map<String, String> params) {
        String query = PlatformHttp.form(params);
        return URI.create(root + path + (query.isEmpty() ? "" : "?" + query));
    }

    static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                params.put(pairs[i], pairs[i + 1]);
            }
        }
        return params;
    }

    static String encoded(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }

    /** The secrets {@code debug_token} may use: the Page token, and the app's id and secret for an app token. */
    static final Set<String> DEBUG_SECRETS = Set.of(TOKEN, "appId", "appSecret");

    /**
     * Meta's {@code GET /debug_token?input_token=}: whether the Page token still works, when it expires
     * ({@code expires_at}, 0 for never) and its {@code scopes}; {@code required} maps each permission the connector
     * needs to what it is for. The call is made with the app access token ({@code appId|appSecret}) when the vault
     * holds both, as Meta documents, else with the Page token itself.
     */
    Mono<uk.hallmonitor.connectors.TokenStatus> debugToken(Secrets secrets, Source source,
                                                           Map<String, String> required, String tokenWords,
                                                           String reconnect) {
        return Mono.defer(() -> {
            String root = root(source);
            return secrets.with(source, DEBUG_SECRETS, vault -> {
                String token = token(vault, source);
                String appId = vault.get("appId");
                String appSecret = vault.get("appSecret");
                String caller = appId != null && !appId.isBlank() && appSecret != null && !appSecret.isBlank()
                        ? appId + "|" + appSecret : token;
                return http.exchange(HttpMethod.GET, uri(root, "debug_token", params("input_token", token)),
                        auth(caller), null, null, this::error, clock)
                        .map(reply -> {
                            JsonNode data = Json.object(Json.parse(reply.body(), platformName + " debug_token"),
                                    "data");
                            if (data == null) {
                                throw new ConnectorException(Kind.MALFORMED, platformName
                                        + " debug_token sent no 'data'", null);
                            }
                            JsonNode valid = data.get("is_valid");
                            JsonNode expires = data.get("expires_at");
                            Instant expiresAt = expires != null && expires.isNumber() && expires.asLong() > 0
                                    ? Instant.ofEpochSecond(expires.asLong()) : null;
                            List<String> scopes = new ArrayList<>();
                            for (JsonNode scope : Json.array(data, "scopes")) {
                                if (scope.isString()) {
                                    scopes.add(scope.asString());
                                }
                            }
                            List<String> missing = new ArrayList<>();
                            new java.util.TreeMap<>(required).forEach((scope, purpose) -> {
                                if (!scopes.contains(scope)) {
                                    missing.add(scope + " (" + purpose + ")");
                                }
                            });
                            return uk.hallmonitor.connectors.TokenStatus.of(valid != null && valid.asBoolean(),
                                    expiresAt, scopes, missing, tokenWords, reconnect, clock.instant());
                        });
            });
        });
    }

    /** Hides or shows a comment as the Page; {@code field} is the platform's flag (Facebook {@code is_hidden}). */
    Mono<Void> hide(Secrets secrets, Source source, String commentId, String field, boolean hide) {
        return Mono.defer(() -> {
            String root = root(source);
            return withToken(secrets, source, vault -> postConfirmed(root, actionToken(vault, source),
                    encoded(commentId), params(field, Boolean.toString(hide))));
        });
    }

    /** Deletes a comment as the Page. */
    Mono<Void> remove(Secrets secrets, Source source, String commentId) {
        return Mono.defer(() -> {
            String root = root(source);
            return withToken(secrets, source, vault -> delete(root, actionToken(vault, source), encoded(commentId)));
        });
    }

    /** Answers a comment as the Page through its {@code edge} ({@code comments}, {@code replies}); gives the id. */
    Mono<String> answer(Secrets secrets, Source source, String commentId, String edge, String text) {
        return Mono.defer(() -> {
            if (text == null || text.isBlank()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "a reply needs some text", null));
            }
            String root = root(source);
            return withToken(secrets, source, vault -> post(root, actionToken(vault, source),
                    encoded(commentId) + "/" + edge, params("message", text))
                    .map(answer -> {
                        String id = Json.text(answer, "id");
                        if (id == null) {
                            throw new ConnectorException(Kind.MALFORMED, platformName + " did not say which "
                                    + "answer it made", null);
                        }
                        return id;
                    }));
        });
    }

    /** Runs {@code use} with the source's Page token from the vault. */
    static <T> Mono<T> withToken(Secrets secrets, Source source,
                                 java.util.function.Function<Map<String, String>, Mono<T>> use) {
        return secrets.with(source, SECRET_NAMES, use);
    }
}
