package uk.hallmonitor.connectors.bluesky;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
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
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Connections;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.HttpConnector;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PagedStream.Page;
import uk.hallmonitor.connectors.internal.PlainText;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.vault.HeldSession;

/** Polls Bluesky for a school account (notifications, own posts) or a watch (post search per term). */
public final class BlueskyConnector extends HttpConnector {

    private static final Set<String> SECRET_NAMES = Set.of("identifier", "appPassword");
    /** Where the session (access and refresh tokens) is kept in the vault, per account. */
    public static final String SESSION_NAME = "bluesky.session";
    /** An access token this close to its expiry is renewed before the poll rather than refused during it. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
    /** Notification reasons that are not posts: known, and ignored without a warning. */
    private static final Set<String> NOT_POSTS = Set.of("like", "repost", "follow", "starterpack-joined",
            "verified", "unverified", "like-via-repost", "repost-via-repost", "subscribed-post");

    public BlueskyConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.BLUESKY, Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.SEARCH,
                Capability.OWN_POSTS),
                http, secrets, clock, properties);
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            String base = Connections.baseUrl(source, properties.blueskyBaseUrl());
            if (source.isWatch() && source.terms().isEmpty()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "Bluesky watch " + source.id() + " has no terms", null));
            }
            // a kept session the PDS refuses (revoked, expired early) is renewed once and the poll read again
            return session(base, source).flatMap(session -> poll(source, since, base, session)
                    .onErrorResume(failure -> session.reused() && refused(failure),
                            failure -> renew(base, source, session.read(), session)
                                    .flatMap(fresh -> poll(source, since, base, fresh))));
        });
    }

    private Mono<Batch> poll(Source source, Cursor since, String base, Session session) {
        return Mono.defer(() -> {
            Harvest harvest = harvest(source);
            Calls calls = new Calls(base, session, harvest);
            return gather(harvest, since, positions -> source.isWatch() ? search(source, since, calls, positions)
                    : account(source, since, calls, positions));
        });
    }

    /**
     * The session for this poll: the one kept in the vault while its access token has more than a minute to run,
     * else a refreshed one ({@code refreshSession}), else, when the PDS refuses the refresh token, a new one
     * ({@code createSession} with the app password). A new session is kept by compare-and-set on the revision read;
     * when another instance kept one first, that newer session is used and nothing is overwritten.
     */
    private Mono<Session> session(String base, Source source) {
        return secrets.heldSession(source, SESSION_NAME).flatMap(held -> {
            Session kept = Session.parse(held, true);
            if (kept != null && kept.usableAt(clock.instant())) {
                return Mono.just(kept);
            }
            return renew(base, source, held, kept);
        });
    }

    private Mono<Session> renew(String base, Source source, HeldSession read, Session kept) {
        Mono<Session> fresh = kept != null && kept.refreshJwt() != null
                ? refresh(base, kept, read).onErrorResume(BlueskyConnector::refused,
                        refused -> create(base, source, read))
                : create(base, source, read);
        return fresh.flatMap(made -> secrets.keepSession(source, SESSION_NAME, read, made.json())
                .flatMap(won -> won ? Mono.just(made) : secrets.heldSession(source, SESSION_NAME)
                        .map(newer -> {
                            Session stored = Session.parse(newer, false);
                            return stored != null ? stored : made;
                        })));
    }

    private static boolean refused(Throwable failure) {
        return failure instanceof ConnectorException c && c.kind() == Kind.UNAUTHORIZED;
    }

    /** {@code com.atproto.server.refreshSession}: the refresh token buys a new pair. */
    private Mono<Session> refresh(String base, Session kept, HeldSession read) {
        URI uri = URI.create(base + "xrpc/com.atproto.server.refreshSession");
        return http.exchange(HttpMethod.POST, uri, Map.of("Authorization", "Bearer " + kept.refreshJwt()), null,
                null, XRPC_ERRORS, clock).map(reply -> Session.of(reply.body(), "Bluesky refreshSession", read));
    }

    /** {@code com.atproto.server.createSession}: the app password never leaves the vault's scope. */
    private Mono<Session> create(String base, Source source, HeldSession read) {
        return secrets.with(source, SECRET_NAMES, vault -> {
            String identifier = Secrets.require(vault, "identifier", source);
            String password = Secrets.require(vault, "appPassword", source);
            URI uri = URI.create(base + "xrpc/com.atproto.server.createSession");
            byte[] body = Json.write(Map.of("identifier", identifier, "password", password));
            return http.exchange(HttpMethod.POST, uri, Map.of(), MediaType.APPLICATION_JSON, body, XRPC_ERRORS, clock)
                    .map(reply -> Session.of(reply.body(), "Bluesky createSession", read));
        });
    }

    /**
     * XRPC errors name themselves in the body: an expired or revoked token is a 400 with {@code ExpiredToken} or
     * {@code InvalidToken}, which is a refused credential, not a misconfiguration.
     */
    private static final PlatformHttp.ErrorBody XRPC_ERRORS = (status, headers, body, what) -> {
        if (status != 400 && status != 401) {
            return null;
        }
        String error;
        try {
            error = Json.text(Json.parse(body, what), "error");
        } catch (ConnectorException unreadable) {
            return null;
        }
        if (status == 401 || "ExpiredToken".equals(error) || "InvalidToken".equals(error)) {
            return new ConnectorException(Kind.UNAUTHORIZED, what + " answered " + status
                    + (error != null ? " " + error : "") + ": the session or app password was refused", null);
        }
        return null;
    };

    private Mono<Void> account(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        String own = source.platformAccountId();
        PagedStream notifications = stream("notifications");
        PagedStream ownPosts = stream("own");
        Mono<Void> notified = notifications.readInto(since, calls.harvest,
                (after, token, limit) -> calls.page("app.bsky.notification.listNotifications", params(limit, token),
                        "notifications",
                        (item, index) -> notification(item, index, calls.harvest)),
                positions);
        Mono<Void> posted = ownPosts.readInto(since, calls.harvest, (after, token, limit) -> {
            Map<String, String> params = params(limit, token);
            params.put("actor", own);
            params.put("filter", "posts_with_replies");
            return calls.page("app.bsky.feed.getAuthorFeed", params, "feed",
                    (item, index) -> ownPost(item, index, own, calls.harvest));
        }, positions);
        return posted.then(notified);
    }

    private Mono<Void> search(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        return Flux.fromIterable(source.terms()).filter(term -> !term.isBlank()).concatMap(term -> {
            PagedStream stream = stream("search." + term.strip().toLowerCase(java.util.Locale.ROOT));
            return stream.readInto(since, calls.harvest, (after, token, limit) -> {
                Map<String, String> params = params(limit, token);
                params.put("q", term.strip());
                params.put("sort", "latest");
                if (after != null) {
                    params.put("since", after);
                }
                return calls.page("app.bsky.feed.searchPosts", params, "posts",
                        (item, index) -> postEntry(item, index, PostKinds.PUBLIC_MENTION, calls.harvest));
            }, positions);
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
        return new Entry(key, harvest.readOrSkip("Bluesky notification " + label(item, index),
                () -> post(item, kind)));
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
        return new Entry(indexedAt(post), harvest.readOrSkip("Bluesky post " + label(post, index),
                () -> post(post, kind)));
    }

    /** A post from a notification or a post view: both carry uri, author and record at the top level. */
    private static FetchedPost post(JsonNode view, String kind) {
        String uri = Json.required(view, "uri");
        JsonNode author = Json.requiredObject(view, "author");
        JsonNode record = Json.requiredObject(view, "record");
        String text = Json.requiredText(record, "text");
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

    /**
     * A Bluesky session: the access token the calls carry, the refresh token that renews it, and when the access
     * token expires (its JWT {@code exp}; {@code null} when unreadable, then the PDS's refusal tells).
     *
     * @param read   the vault record it was read from or is to replace (its revision guards the next write)
     * @param reused whether it came from the vault as it was, so a refusal is worth one renewal
     */
    private record Session(String accessJwt, String refreshJwt, String did, Instant expiresAt, HeldSession read,
                           boolean reused) {

        /** The session made by createSession or refreshSession. */
        static Session of(byte[] body, String what, HeldSession read) {
            JsonNode json = Json.parse(body, what);
            String access = Json.text(json, "accessJwt");
            if (access == null) {
                throw new ConnectorException(Kind.MALFORMED, what + " gave no accessJwt", null);
            }
            return new Session(access, Json.text(json, "refreshJwt"), Json.text(json, "did"), expiry(access), read,
                    false);
        }

        /** The session kept in the vault, or {@code null} when none is kept or it cannot be read. */
        static Session parse(HeldSession held, boolean reused) {
            if (held.value() == null) {
                return null;
            }
            try {
                JsonNode json = Json.parse(held.value().getBytes(StandardCharsets.UTF_8), "kept Bluesky session");
                String access = Json.text(json, "accessJwt");
                return access == null ? null : new Session(access, Json.text(json, "refreshJwt"),
                        Json.text(json, "did"), expiry(access), held, reused);
            } catch (ConnectorException unreadable) {
                return null;
            }
        }

        boolean usableAt(Instant now) {
            return expiresAt == null || expiresAt.isAfter(now.plus(RENEW_BEFORE));
        }

        /** What the vault keeps. */
        String json() {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("accessJwt", accessJwt);
            if (refreshJwt != null) {
                fields.put("refreshJwt", refreshJwt);
            }
            if (did != null) {
                fields.put("did", did);
            }
            return new String(Json.write(fields), StandardCharsets.UTF_8);
        }

        /** The {@code exp} claim of a JWT (seconds since the epoch), or {@code null}. */
        static Instant expiry(String jwt) {
            String[] parts = jwt.split("\\.");
            if (parts.length < 2) {
                return null;
            }
            try {
                byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
                JsonNode claims = Json.parse(payload, "Bluesky token");
                JsonNode exp = claims.get("exp");
                return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
            } catch (IllegalArgumentException | ConnectorException unreadable) {
                return null;
            }
        }

        @Override
        public String toString() {
            return "Session[" + did + ", expires " + expiresAt + "]";
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
            URI uri = URI.create(base + "xrpc/" + method + "?" + PlatformHttp.form(params));
            return http.exchange(HttpMethod.GET, uri, Map.of("Authorization", "Bearer " + session.accessJwt()), null,
                    null, XRPC_ERRORS, clock).map(reply -> {
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
