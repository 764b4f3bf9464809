package uk.hallmonitor.connectors.x;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.http.HttpMethod;
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

/**
 * Polls X API v2 for a school account (its own posts, replies in its conversations, mentions) or for a watch
 * (recent search for its terms), counting every post read because X bills reads.
 */
public final class XConnector extends HttpConnector {

    private static final String TWEET_FIELDS = "created_at,author_id,conversation_id,in_reply_to_user_id,"
            + "referenced_tweets,edit_history_tweet_ids";
    /** X refuses search queries longer than this on the basic and pro tiers. */
    private static final int MAX_QUERY = 512;
    private static final String CONVERSATIONS = "conversations";

    public XConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        super(Platform.X, Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.SEARCH, Capability.OWN_POSTS,
                Capability.HIDE_REPLY),
                http, secrets, clock, properties);
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            String base = Connections.baseUrl(source, properties.xBaseUrl());
            Harvest harvest = harvest(source);
            return secrets.with(source, XAuthorization.SECRET_NAMES, vault -> {
                XAuthorization auth = XAuthorization.from(vault, source);
                Calls calls = new Calls(base, auth, harvest);
                return gather(harvest, since, positions -> source.isWatch() ? search(source, since, calls, positions)
                        : account(source, since, calls, positions));
            });
        });
    }

    private Mono<Void> search(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        String query = searchQuery(source, calls.harvest);
        PagedStream stream = stream("search", 10);
        return stream.readInto(since, calls.harvest,
                (sinceId, token, limit) -> calls.page("2/tweets/search/recent", query, sinceId, "next_token", token,
                        limit,
                        tweet -> PostKinds.PUBLIC_MENTION),
                positions);
    }

    private Mono<Void> account(Source source, Cursor since, Calls calls, Map<String, String> positions) {
        String user = source.platformAccountId();
        String userPath = "2/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        LinkedHashSet<String> conversations = new LinkedHashSet<>();
        String remembered = since.get(CONVERSATIONS);
        if (remembered != null && !remembered.isBlank()) {
            conversations.addAll(List.of(remembered.split(",")));
        }
        PagedStream own = stream("own", 5);
        PagedStream replies = stream("replies", 10);
        PagedStream mentions = stream("mentions", 5);
        Mono<Void> ownPosts = own.readInto(since, calls.harvest, (sinceId, token, limit) -> calls
                .page(userPath + "/tweets", null, sinceId, "pagination_token", token, limit, tweet -> {
                    String conversation = Json.text(tweet, "conversation_id");
                    if (conversation != null && conversation.matches("\\d{1,25}")) {
                        conversations.remove(conversation);
                        conversations.add(conversation);
                    }
                    return PostKinds.OWN_POST;
                }), positions);
        Mono<Void> conversationReplies = Mono.defer(() -> {
            List<String> recent = new ArrayList<>(conversations);
            recent = recent.subList(Math.max(0, recent.size() - properties.rememberConversations()), recent.size());
            positions.put(CONVERSATIONS, String.join(",", recent));
            if (recent.isEmpty()) {
                return Mono.empty();
            }
            String query = conversationQuery(recent, user);
            return replies.readInto(since, calls.harvest,
                    (sinceId, token, limit) -> calls.page("2/tweets/search/recent", query, sinceId, "next_token", token,
                            limit,
                            tweet -> PostKinds.COMMENT),
                    positions);
        });
        Mono<Void> mentioned = mentions.readInto(since, calls.harvest,
                (sinceId, token, limit) -> calls.page(userPath + "/mentions", null, sinceId, "pagination_token", token,
                        limit,
                        tweet -> user.equals(Json.text(tweet, "in_reply_to_user_id"))
                                ? PostKinds.COMMENT : PostKinds.MENTION),
                positions);
        return ownPosts.then(conversationReplies).then(mentioned);
    }

    @Override
    public Mono<Void> hideReply(Source source, String platformPostId) {
        return Mono.defer(() -> {
            if (!platformPostId.matches("\\d{1,25}")) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED,
                        "not an X post id: " + platformPostId, null));
            }
            String base = Connections.baseUrl(source, properties.xBaseUrl());
            URI uri = URI.create(base + "2/tweets/" + platformPostId + "/hidden");
            return secrets.with(source, XAuthorization.SECRET_NAMES, vault -> {
                XAuthorization auth = XAuthorization.from(vault, source);
                if (!auth.userContext()) {
                    return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "hiding a reply on X needs the "
                            + "account's user tokens (consumerKey, consumerSecret, accessToken, accessTokenSecret)",
                            null));
                }
                Map<String, String> headers = Map.of("Authorization", auth.header("PUT", uri));
                return http.exchange(HttpMethod.PUT, uri, headers, Json.write(Map.of("hidden", true)), clock);
            }).flatMap(reply -> {
                JsonNode data = Json.object(Json.parse(reply.body(), "X hide reply"), "data");
                if (data == null || !data.path("hidden").asBoolean(false)) {
                    return Mono.error(new ConnectorException(Kind.MALFORMED,
                            "X did not confirm that post " + platformPostId + " is hidden", null));
                }
                return Mono.<Void>empty();
            });
        });
    }

    private PagedStream stream(String name, int pageMin) {
        return new PagedStream(name, PagedStream.NUMERIC, pageMin, 100, properties.maxPages());
    }

    private static String searchQuery(Source source, Harvest harvest) {
        if (source.terms().isEmpty()) {
            throw new ConnectorException(Kind.MISCONFIGURED, "X watch " + source.id() + " has no terms", null);
        }
        String suffix = " -is:retweet";
        StringJoiner terms = new StringJoiner(" OR ", "(", ")");
        int used = 0;
        for (String term : source.terms()) {
            String cleaned = term.replace("\"", "").strip();
            if (cleaned.isEmpty()) {
                continue;
            }
            String quoted = cleaned.contains(" ") ? "\"" + cleaned + "\"" : cleaned;
            if (terms.length() + quoted.length() + 4 + suffix.length() > MAX_QUERY) {
                harvest.warn("X search query is limited to " + MAX_QUERY + " characters; "
                        + (source.terms().size() - used) + " terms left out");
                break;
            }
            terms.add(quoted);
            used++;
        }
        return terms + suffix;
    }

    private static String conversationQuery(List<String> conversations, String user) {
        StringJoiner query = new StringJoiner(" OR ", "(", ")");
        conversations.forEach(id -> query.add("conversation_id:" + id));
        return query + " -from:" + user;
    }

    /** The calls of one poll: base URL, signing and harvest fixed for its length. */
    private final class Calls {
        final String base;
        final XAuthorization auth;
        final Harvest harvest;

        Calls(String base, XAuthorization auth, Harvest harvest) {
            this.base = base;
            this.auth = auth;
            this.harvest = harvest;
        }

        Mono<Page> page(String path, String query, String sinceId, String tokenParam, String token, int limit,
                        java.util.function.Function<JsonNode, String> kind) {
            Map<String, String> params = new LinkedHashMap<>();
            if (query != null) {
                params.put("query", query);
            }
            params.put("max_results", Integer.toString(limit));
            if (sinceId != null) {
                params.put("since_id", sinceId);
            }
            if (token != null) {
                params.put(tokenParam, token);
            }
            params.put("tweet.fields", TWEET_FIELDS);
            params.put("expansions", "author_id");
            params.put("user.fields", "username");
            URI uri = URI.create(base + path + "?" + encode(params));
            Map<String, String> headers = Map.of("Authorization", auth.header("GET", uri));
            return http.get(uri, headers, clock).map(reply -> {
                JsonNode body = Json.parse(reply.body(), "X " + path);
                return toPage(body, kind, reply.exhaustedWindow(clock));
            });
        }

        private Page toPage(JsonNode body, java.util.function.Function<JsonNode, String> kind,
                            java.time.Duration pause) {
            Map<String, String> usernames = new HashMap<>();
            for (JsonNode user : Json.array(Json.object(body, "includes"), "users")) {
                String id = Json.text(user, "id");
                String username = Json.text(user, "username");
                if (id != null && username != null) {
                    usernames.put(id, username);
                }
            }
            int errors = 0;
            for (JsonNode ignored : Json.array(body, "errors")) {
                errors++;
            }
            if (errors > 0) {
                harvest.warn("X reported " + errors + " partial errors on a page");
            }
            if (body.has("data") && !Json.hasArray(body, "data")) {
                harvest.warn("X sent 'data' that is not a list; page skipped");
            }
            List<Entry> entries = new ArrayList<>();
            int index = 0;
            int reads = 0;
            for (JsonNode tweet : Json.array(body, "data")) {
                reads++;
                entries.add(entry(tweet, index++, usernames, kind));
            }
            String next = Json.text(Json.object(body, "meta"), "next_token");
            return new Page(entries, reads, next, pause);
        }

        private Entry entry(JsonNode tweet, int index, Map<String, String> usernames,
                            java.util.function.Function<JsonNode, String> kind) {
            String id = Json.text(tweet, "id");
            String key = id != null && id.matches("\\d{1,25}") ? id : null;
            return new Entry(key, harvest.readOrSkip("X post " + (id != null ? id : "#" + index), () -> {
                if (key == null) {
                    throw new Json.BadItem("no numeric id");
                }
                return post(tweet, key, usernames, kind.apply(tweet));
            }));
        }

        private FetchedPost post(JsonNode tweet, String id, Map<String, String> usernames, String kind) {
            String text = Json.required(tweet, "text");
            Instant created = Json.requiredInstant(tweet, "created_at");
            String authorId = Json.text(tweet, "author_id");
            String username = authorId == null ? null : usernames.get(authorId);
            String inReplyTo = null;
            for (JsonNode reference : Json.array(tweet, "referenced_tweets")) {
                if ("replied_to".equals(Json.text(reference, "type"))) {
                    inReplyTo = Json.text(reference, "id");
                }
            }
            // X gives an edited post a new id; the first id of its edit history names the post across edits.
            String originalId = id;
            Instant editedAt = null;
            for (JsonNode historic : Json.array(tweet, "edit_history_tweet_ids")) {
                String first = historic.isString() || historic.isNumber() ? historic.asString() : null;
                if (first != null && !first.equals(id)) {
                    originalId = first;
                    editedAt = created;
                }
                break;
            }
            String url = "https://x.com/" + (username != null ? username : "i/web") + "/status/" + id;
            return new FetchedPost(originalId, kind, authorId, username, PlainText.of(text), url,
                    Json.text(tweet, "conversation_id"), inReplyTo, created, editedAt);
        }
    }

    static String encode(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(percent(name) + "=" + percent(value)));
        return query.toString();
    }

    /** RFC 3986 encoding, as OAuth 1.0a signs it; {@link URLEncoder} alone would send spaces as '+'. */
    private static String percent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
