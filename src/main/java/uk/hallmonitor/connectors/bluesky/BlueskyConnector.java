package uk.hallmonitor.connectors.bluesky;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;
import uk.hallmonitor.connectors.internal.PlainText;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/** Polls Bluesky for a school account (notifications, own posts) or a watch (post search per term). */
public final class BlueskyConnector implements PlatformConnector {

    private static final Set<String> SECRET_NAMES = Set.of("identifier", "appPassword");
    /** Notification reasons that are not posts: known, and ignored without a warning. */
    private static final Set<String> NOT_POSTS = Set.of("like", "repost", "follow", "starterpack-joined",
            "verified", "unverified", "like-via-repost", "repost-via-repost", "subscribed-post");

    private final PlatformHttp http;
    private final Secrets secrets;
    private final Clock clock;
    private final ConnectorProperties properties;

    public BlueskyConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Platform platform() {
        return Platform.BLUESKY;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.SEARCH, Capability.OWN_POSTS);
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            String base = Connections.baseUrl(source, properties.blueskyBaseUrl());
            int budget = source.maxReads() > 0 ? source.maxReads() : properties.defaultMaxReads();
            Harvest harvest = new Harvest(clock, source.id(), budget, properties.maxWarnings());
            if (source.isWatch() && source.terms().isEmpty()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "Bluesky watch " + source.id() + " has no terms", null));
            }
            return secrets.with(source, SECRET_NAMES, vault -> session(base, vault, source))
                    .flatMap(session -> {
                        Calls calls = new Calls(base, session, harvest);
                        Map<String, String> positions = new HashMap<>(since.positions());
                        Mono<Void> streams = source.isWatch() ? search(source, since, calls, positions)
                                : account(source, since, calls, positions);
                        return streams.then(Mono.fromSupplier(() -> harvest.toBatch(new Cursor(positions))));
                    });
        });
    }

    /** An access token for this poll only; the app password never leaves the vault's scope. */
    private Mono<Session> session(String base, Map<String, String> vault, Source source) {
        String identifier = Secrets.require(vault, "identifier", source);
        String password = Secrets.require(vault, "appPassword", source);
        URI uri = URI.create(base + "xrpc/com.atproto.server.createSession");
        byte[] body = Json.write(Map.of("identifier", identifier, "password", password));
        return http.exchange(HttpMethod.POST, uri, Map.of(), body, clock).map(reply -> {
            JsonNode json = Json.parse(reply.body(), "Bluesky createSession");
            String jwt = Json.text(json, "accessJwt");
            if (jwt == null) {
                throw new ConnectorException(Kind.MALFORMED, "Bluesky createSession gave no accessJwt", null);
            }
            return new Session(jwt, Json.text(json, "did"));
        });
    }

    private Mono<Void> account(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        String own = source.platformAccountId();
        PagedStream notifications = stream("notifications");
        PagedStream ownPosts = stream("own");
        Mono<Void> notified = notifications.read(since, calls.harvest, (after, token, limit) ->
                        calls.page("app.bsky.notification.listNotifications", params(limit, token), "notifications",
                                (item, index) -> notification(item, index, calls.harvest)))
                .doOnNext(found -> replace(positions, notifications, found)).then();
        Mono<Void> posted = ownPosts.read(since, calls.harvest, (after, token, limit) -> {
                    Map<String, String> params = params(limit, token);
                    params.put("actor", own);
                    params.put("filter", "posts_with_replies");
                    return calls.page("app.bsky.feed.getAuthorFeed", params, "feed",
                            (item, index) -> ownPost(item, index, own, calls.harvest));
                })
                .doOnNext(found -> replace(positions, ownPosts, found)).then();
        return posted.then(notified);
    }

    private Mono<Void> search(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        return Flux.fromIterable(source.terms()).filter(term -> !term.isBlank()).concatMap(term -> {
            PagedStream stream = stream("search." + term.strip().toLowerCase(java.util.Locale.ROOT));
            return stream.read(since, calls.harvest, (after, token, limit) -> {
                        Map<String, String> params = params(limit, token);
                        params.put("q", term.strip());
                        params.put("sort", "latest");
                        if (after != null) {
                            params.put("since", after);
                        }
                        return calls.page("app.bsky.feed.searchPosts", params, "posts",
                                (item, index) -> postEntry(item, index, PostKinds.PUBLIC_MENTION, calls.harvest));
                    })
                    .doOnNext(found -> replace(positions, stream, found));
        }).then();
    }

    private Entry notification(JsonNode item, int index, Harvest harvest) {
        String key = indexedAt(item);
        String reason = Json.text(item, "reason");
        String kind = reason == null ? null : switch (reason) {
            case "mention", "quote" -> PostKinds.MENTION;
            case "reply" -> PostKinds.COMMENT;
            default -> null;
        };
        if (kind == null) {
            if (reason == null || !NOT_POSTS.contains(reason)) {
                harvest.warn("skipped Bluesky notification " + label(item, index) + ": unknown reason '"
                        + reason + "'");
            }
            return new Entry(key, null);
        }
        try {
            return new Entry(key, post(item, kind));
        } catch (Json.BadItem bad) {
            harvest.warn("skipped Bluesky notification " + label(item, index) + ": " + bad.getMessage());
            return new Entry(key, null);
        }
    }

    private Entry ownPost(JsonNode item, int index, String own, Harvest harvest) {
        JsonNode post = Json.object(item, "post");
        if (post == null) {
            harvest.warn("skipped Bluesky feed item #" + index + ": no post");
            return new Entry(null, null);
        }
        // Reposts by the account appear in its feed with a reason; they are not its own words.
        if (Json.object(item, "reason") != null || !own.equals(Json.text(Json.object(post, "author"), "did"))) {
            return new Entry(indexedAt(post), null);
        }
        return postEntry(post, index, PostKinds.OWN_POST, harvest);
    }

    private Entry postEntry(JsonNode post, int index, String kind, Harvest harvest) {
        String key = indexedAt(post);
        try {
            return new Entry(key, post(post, kind));
        } catch (Json.BadItem bad) {
            harvest.warn("skipped Bluesky post " + label(post, index) + ": " + bad.getMessage());
            return new Entry(key, null);
        }
    }

    /** A post from a notification or a post view: both carry uri, author and record at the top level. */
    private static FetchedPost post(JsonNode view, String kind) {
        String uri = Json.required(view, "uri");
        JsonNode author = Json.object(view, "author");
        if (author == null) {
            throw new Json.BadItem("no author");
        }
        JsonNode record = Json.object(view, "record");
        if (record == null) {
            throw new Json.BadItem("no record");
        }
        String text = Json.text(record, "text");
        if (text == null) {
            throw new Json.BadItem("no text");
        }
        Instant created = Json.instant(record, "createdAt");
        if (created == null) {
            created = Json.instant(view, "indexedAt");
        }
        JsonNode reply = Json.object(record, "reply");
        String root = Json.text(Json.object(reply, "root"), "uri");
        String parent = Json.text(Json.object(reply, "parent"), "uri");
        String handle = Json.text(author, "handle");
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        String url = "https://bsky.app/profile/" + (handle != null ? handle : Json.text(author, "did"))
                + "/post/" + rkey;
        return new FetchedPost(uri, kind, Json.text(author, "did"), handle, PlainText.of(text), url,
                root != null ? root : uri, parent, created, null);
    }

    private static String indexedAt(JsonNode item) {
        String value = Json.text(item, "indexedAt");
        try {
            return value == null ? null : java.time.OffsetDateTime.parse(value).toInstant().toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String label(JsonNode item, int index) {
        String uri = Json.text(item, "uri");
        return uri != null ? uri : "#" + index;
    }

    private static Map<String, String> params(int limit, String token) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("limit", Integer.toString(limit));
        if (token != null) {
            params.put("cursor", token);
        }
        return params;
    }

    private PagedStream stream(String name) {
        return new PagedStream(name, PagedStream.INSTANT, 1, 100, properties.maxPages());
    }

    private static void replace(Map<String, String> positions, PagedStream stream, Map<String, String> found) {
        stream.forget(positions);
        positions.putAll(found);
    }

    /** The access token of one poll. */
    private record Session(String accessJwt, String did) {
        @Override
        public String toString() {
            return "Session[" + did + "]";
        }
    }

    /** The calls of one poll. */
    private final class Calls {
        final String base;
        final Session session;
        final Harvest harvest;

        Calls(String base, Session session, Harvest harvest) {
            this.base = base;
            this.session = session;
            this.harvest = harvest;
        }

        Mono<Page> page(String method, Map<String, String> params, String listField,
                        BiFunction<JsonNode, Integer, Entry> entry) {
            StringJoiner query = new StringJoiner("&");
            params.forEach((name, value) -> query.add(name + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
            URI uri = URI.create(base + "xrpc/" + method + "?" + query);
            return http.get(uri, Map.of("Authorization", "Bearer " + session.accessJwt()), clock).map(reply -> {
                JsonNode body = Json.parse(reply.body(), "Bluesky " + method);
                if (!Json.hasArray(body, listField)) {
                    harvest.warn("Bluesky " + method + " sent no '" + listField + "' list");
                }
                List<Entry> entries = new ArrayList<>();
                int index = 0;
                for (JsonNode item : Json.array(body, listField)) {
                    entries.add(entry.apply(item, index++));
                }
                return new Page(entries, index, Json.text(body, "cursor"), reply.exhaustedWindow(clock));
            });
        }
    }
}
