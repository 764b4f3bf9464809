package uk.hallmonitor.connectors.meta;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import uk.hallmonitor.connectors.TokenStatus;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.PostKinds;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;

/**
 * Polls a Facebook Page through the Graph API: the Page's own posts, the comments and replies on its recent posts
 * and on visitor posts, visitor posts themselves and posts the Page is tagged in; hides, shows, deletes and answers
 * comments as the Page.
 */
public final class FacebookConnector implements PlatformConnector {

    static final String POST_FIELDS = "id,message,story,created_time,updated_time,permalink_url,from{id,name}";
    static final String COMMENT_FIELDS = "id,message,created_time,from{id,name},parent{id},is_hidden,permalink_url";
    /** The recent posts (own and visitors') whose comments every poll reads, newest last. */
    static final String WATCHED = "posts";
    private static final int PAGE = 25;
    private static final int COMMENT_PAGE = 100;

    private final Graph graph;
    private final Secrets secrets;
    private final Clock clock;
    private final ConnectorProperties properties;

    public FacebookConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        this.graph = new Graph(http, clock, properties, "Facebook");
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.OWN_POSTS, Capability.HIDE_REPLY,
                Capability.DELETE_REPLY, Capability.REPLY);
    }

    /** The permissions the connector needs (Meta's names), with what each is for. */
    static final Map<String, String> REQUIRED_SCOPES = Map.of(
            "pages_read_engagement", "read the Page's posts",
            "pages_read_user_content", "read visitors' comments and posts",
            "pages_manage_engagement", "hide, delete and reply to comments");

    @Override
    public Mono<TokenStatus> tokenStatus(Source source) {
        return graph.debugToken(secrets, source, REQUIRED_SCOPES, "the Page token", "reconnect the Page");
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            if (source.isWatch()) {
                return Mono.error(new ConnectorException(Kind.UNSUPPORTED,
                        "Facebook offers no public search; watch a Page the school runs instead", null));
            }
            String root = graph.root(source);
            int budget = source.maxReads() > 0 ? source.maxReads() : properties.defaultMaxReads();
            Harvest harvest = new Harvest(clock, source.id(), budget, properties.maxWarnings());
            return Graph.withToken(secrets, source, vault -> {
                String token = graph.token(vault, source);
                Map<String, String> positions = new HashMap<>(since.positions());
                return page(source, since, root, token, harvest, positions)
                        .then(Mono.fromSupplier(() -> harvest.toBatch(new Cursor(positions))));
            });
        });
    }

    private Mono<Void> page(Source source, Cursor since, String root, String token, Harvest harvest,
                            Map<String, String> positions) {
        String pagePath = Graph.encoded(source.platformAccountId());
        Map<String, Long> watched = Watched.read(since.get(WATCHED));
        Mono<Void> own = stream(since, harvest, positions, "own", root, token, pagePath + "/posts", POST_FIELDS,
                PAGE, (post, index) -> Watched.remember(watched, post(post, index, PostKinds.OWN_POST, harvest)));
        Mono<Void> visitors = stream(since, harvest, positions, "visitors", root, token,
                pagePath + "/visitor_posts", POST_FIELDS, PAGE,
                (post, index) -> Watched.remember(watched, post(post, index, PostKinds.COMMENT, harvest)));
        Mono<Void> tagged = stream(since, harvest, positions, "tagged", root, token, pagePath + "/tagged",
                POST_FIELDS, PAGE, (post, index) -> post(post, index, PostKinds.MENTION, harvest));
        Mono<Void> comments = Flux.defer(() -> {
            List<String> newest = Watched.newest(watched, properties.rememberConversations());
            positions.keySet().removeIf(key -> key.startsWith("c.") && !newest.contains(Watched.postOf(key)));
            positions.put(WATCHED, Watched.write(watched, newest));
            return Flux.fromIterable(newest);
        }).concatMap(postId -> stream(since, harvest, positions, "c." + postId, root, token,
                Graph.encoded(postId) + "/comments", COMMENT_FIELDS, COMMENT_PAGE,
                (comment, index) -> comment(comment, index, postId, harvest))).then();
        return own.then(visitors).then(tagged).then(comments);
    }

    private Mono<Void> stream(Cursor since, Harvest harvest, Map<String, String> positions, String name,
                              String root, String token, String path, String fields, int pageMax,
                              java.util.function.BiFunction<JsonNode, Integer, Entry> entry) {
        PagedStream stream = new PagedStream(name, PagedStream.INSTANT, 1, pageMax, properties.maxPages());
        return stream.read(since, harvest, (after, cursor, limit) -> {
                    Map<String, String> params = Graph.params("fields", fields, "limit", Integer.toString(limit),
                            "after", cursor);
                    if (name.startsWith("c.")) {
                        // every comment and reply, newest first, so a walk can stop at the last one stored
                        params.put("filter", "stream");
                        params.put("order", "reverse_chronological");
                    } else if (after != null) {
                        params.put("since", Long.toString(Instant.parse(after).getEpochSecond()));
                    }
                    return graph.page(root, token, path, params, harvest, entry);
                })
                .doOnNext(found -> {
                    stream.forget(positions);
                    positions.putAll(found);
                })
                .then();
    }

    private static Entry post(JsonNode post, int index, String kind, Harvest harvest) {
        Instant created = safeTime(post, "created_time");
        String key = created == null ? null : created.toString();
        try {
            String id = Json.required(post, "id");
            String text = Json.text(post, "message");
            if (text == null) {
                // a shared photo or a life event has a story and no message
                text = Json.text(post, "story") != null ? Json.text(post, "story") : "";
            }
            if (created == null) {
                throw new Json.BadItem("no created_time");
            }
            Instant updated = safeTime(post, "updated_time");
            JsonNode from = Json.object(post, "from");
            return new Entry(key, new FetchedPost(id, kind, Json.text(from, "id"), Json.text(from, "name"), text,
                    Json.text(post, "permalink_url"), id, null, created,
                    updated != null && updated.isAfter(created) ? updated : null));
        } catch (Json.BadItem bad) {
            harvest.warn("skipped Facebook post " + label(post, index) + ": " + bad.getMessage());
            return new Entry(key, null);
        }
    }

    private static Entry comment(JsonNode comment, int index, String postId, Harvest harvest) {
        Instant created = safeTime(comment, "created_time");
        String key = created == null ? null : created.toString();
        try {
            String id = Json.required(comment, "id");
            if (created == null) {
                throw new Json.BadItem("no created_time");
            }
            String text = Json.text(comment, "message");
            JsonNode from = Json.object(comment, "from");
            String parent = Json.text(Json.object(comment, "parent"), "id");
            return new Entry(key, new FetchedPost(id, PostKinds.COMMENT, Json.text(from, "id"),
                    Json.text(from, "name"), text == null ? "" : text, Json.text(comment, "permalink_url"), postId,
                    parent != null ? parent : postId, created, null));
        } catch (Json.BadItem bad) {
            harvest.warn("skipped Facebook comment " + label(comment, index) + ": " + bad.getMessage());
            return new Entry(key, null);
        }
    }

    private static Instant safeTime(JsonNode node, String field) {
        try {
            return Graph.time(node, field);
        } catch (Json.BadItem bad) {
            return null;
        }
    }

    private static String label(JsonNode node, int index) {
        String id = Json.text(node, "id");
        return id != null ? id : "#" + index;
    }

    /** Sets {@code is_hidden}: hidden comments stay visible to their author and friends only. */
    @Override
    public Mono<Void> hideReply(Source source, String platformPostId) {
        return hidden(source, platformPostId, true);
    }

    @Override
    public Mono<Void> unhideReply(Source source, String platformPostId) {
        return hidden(source, platformPostId, false);
    }

    private Mono<Void> hidden(Source source, String commentId, boolean hide) {
        return Mono.defer(() -> {
            String root = graph.root(source);
            return Graph.withToken(secrets, source, vault -> graph.postConfirmed(root,
                    graph.actionToken(vault, source), Graph.encoded(commentId),
                    Graph.params("is_hidden", Boolean.toString(hide))));
        });
    }

    @Override
    public Mono<Void> deleteReply(Source source, String platformPostId) {
        return Mono.defer(() -> {
            String root = graph.root(source);
            return Graph.withToken(secrets, source, vault -> graph.delete(root, graph.actionToken(vault, source),
                    Graph.encoded(platformPostId)));
        });
    }

    /** Replies as the Page: a comment on the comment (or on the post). */
    @Override
    public Mono<String> reply(Source source, String platformPostId, String text) {
        return Mono.defer(() -> {
            if (text == null || text.isBlank()) {
                return Mono.error(new ConnectorException(Kind.MISCONFIGURED, "a reply needs some text", null));
            }
            String root = graph.root(source);
            return Graph.withToken(secrets, source, vault -> graph.post(root, graph.actionToken(vault, source),
                            Graph.encoded(platformPostId) + "/comments", Graph.params("message", text))
                    .map(answer -> {
                        String id = Json.text(answer, "id");
                        if (id == null) {
                            throw new ConnectorException(Kind.MALFORMED, "Facebook did not say which comment it made",
                                    null);
                        }
                        return id;
                    }));
        });
    }
}
