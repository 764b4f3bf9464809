package uk.hallmonitor.connectors.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;

/**
 * One poll of a Graph account, shared by the Facebook and Instagram connectors: the newest-first list edges read
 * from where the last poll stopped, and the comments on every post created inside the account's look-back window
 * ({@code connection.commentDays}), at most {@code max-comment-posts} posts a poll. Graph has no "all new comments on
 * this Page" list, so comments are read post by post: the newest half of the allowance every poll, the older posts
 * of the window in turn, so that each is read within a few polls and one poll stays bounded.
 */
final class GraphPoll {

    /** The connection setting: how many days back posts are watched for new comments. */
    static final String COMMENT_DAYS = "commentDays";
    static final int DEFAULT_COMMENT_DAYS = 14;
    static final int MAX_COMMENT_DAYS = 90;
    /** The cursor key holding the last older post whose comments were read in turn. */
    static final String TURN = "turn";
    private static final int LIST_PAGE = 100;

    private final Graph graph;
    private final Source source;
    private final Cursor since;
    private final Harvest harvest;
    private final ConnectorProperties properties;
    private final String root;
    private final String token;
    private final Map<String, String> positions;

    GraphPoll(Graph graph, Source source, Cursor since, Harvest harvest, ConnectorProperties properties, String root,
              String token) {
        this.graph = graph;
        this.source = source;
        this.since = since;
        this.harvest = harvest;
        this.properties = properties;
        this.root = root;
        this.token = token;
        this.positions = new HashMap<>(since.positions());
    }

    Cursor since() {
        return since;
    }

    Harvest harvest() {
        return harvest;
    }

    String root() {
        return root;
    }

    String token() {
        return token;
    }

    Batch batch() {
        return harvest.toBatch(new Cursor(positions));
    }

    /** Keeps positions of this poll's own (those of a stream it read, or of a cursor key it owns). */
    void keep(Map<String, String> found, String prefix) {
        positions.keySet().removeIf(key -> key.startsWith(prefix));
        positions.putAll(found);
    }

    /**
     * Reads one newest-first list edge into the harvest from where the last poll stopped, and keeps its positions.
     *
     * @param params added to {@code fields}, {@code limit} and {@code after} on every page
     * @param since  what to add for the time the stream last reached (Facebook's {@code since}), or {@code null}
     */
    Mono<Void> stream(String name, String path, String fields, int pageMax, Map<String, String> params,
                      Function<Instant, Map<String, String>> since, BiFunction<JsonNode, Integer, Entry> entry) {
        return read(name, path, fields, pageMax, params, since, entry).doOnNext(found -> keep(found, name + "."))
                .then();
    }

    /** As {@link #stream}, but gives the stream's new positions instead of keeping them. */
    Mono<Map<String, String>> read(String name, String path, String fields, int pageMax, Map<String, String> params,
                                   Function<Instant, Map<String, String>> since,
                                   BiFunction<JsonNode, Integer, Entry> entry) {
        PagedStream stream = new PagedStream(name, PagedStream.INSTANT, 1, pageMax, properties.maxPages());
        return stream.read(this.since, harvest, (after, cursor, limit) -> {
            Map<String, String> query = Graph.params("fields", fields, "limit", Integer.toString(limit),
                    "after", cursor);
            query.putAll(params);
            if (since != null && after != null) {
                query.putAll(since.apply(Instant.parse(after)));
            }
            return graph.page(root, token, path, query, harvest, entry);
        });
    }

    /** One page of a list edge, outside any stream (its caller walks the pages). */
    Mono<PagedStream.Page> page(String path, Map<String, String> params, BiFunction<JsonNode, Integer, Entry> entry) {
        return graph.page(root, token, path, params, harvest, entry);
    }

    int maxPages() {
        return properties.maxPages();
    }

    /**
     * Reads the comments on the posts of {@code listPath} created inside the look-back window: lists the window
     * (ids and times only, newest first, paged by cursor), picks this poll's posts, forgets the comment positions
     * of posts that left the window, and reads each picked post's comments with {@code comments}.
     *
     * @param timeField   the creation time field of a post ({@code created_time}, {@code timestamp})
     * @param graphSince  whether the edge takes Graph's {@code since} (Facebook's feed does, Instagram's media not)
     */
    Mono<Void> comments(String listPath, String timeField, boolean graphSince,
                        Function<String, Mono<Void>> comments) {
        return Mono.defer(() -> {
            Instant cutoff = harvest.now().minus(Duration.ofDays(commentDays(source)));
            Window window = new Window();
            return list(listPath, timeField, graphSince, cutoff, window, null, 0)
                    .then(Mono.defer(() -> {
                        List<String> picked = pick(window.ids, properties.maxCommentPosts(), since.get(TURN),
                                positions);
                        if (window.complete) {
                            Set<String> inWindow = new HashSet<>(window.ids);
                            positions.keySet().removeIf(key -> key.startsWith("c.")
                                    && !inWindow.contains(postOf(key)));
                        }
                        return Flux.fromIterable(picked).concatMap(comments).then();
                    }))
                    .onErrorResume(ConnectorException.class, failure -> {
                        if (!harvest.outlasts(failure)) {
                            return Mono.error(failure);
                        }
                        harvest.warn("comments: " + failure.getMessage() + "; no comments read this poll, "
                                + "resumes next poll");
                        return Mono.empty();
                    });
        });
    }

    /** The posts of the look-back window, newest first, and whether the whole window was listed. */
    private static final class Window {
        final List<String> ids = new ArrayList<>();
        final Set<String> tokens = new HashSet<>();
        boolean complete;
    }

    private Mono<Void> list(String path, String timeField, boolean graphSince, Instant cutoff, Window window,
                            String after, int pages) {
        Map<String, String> query = Graph.params("fields", "id," + timeField, "limit", Integer.toString(LIST_PAGE),
                "after", after);
        if (graphSince) {
            query.put("since", Long.toString(cutoff.getEpochSecond()));
        }
        boolean[] older = {false};
        return graph.page(root, token, path, query, harvest, (post, index) -> {
            Instant created = time(post, timeField);
            String id = Json.text(post, "id");
            if (created != null && created.isBefore(cutoff)) {
                older[0] = true;
            } else if (created != null && id != null && id.matches("[0-9_]{1,64}") && !window.ids.contains(id)) {
                // ids become cursor keys and Graph paths: only the digits and underscores Graph ids are made of
                window.ids.add(id);
            }
            return new Entry(null, null);
        }).flatMap(page -> {
            harvest.answered();
            if (page.pause() != null) {
                harvest.pause(page.pause());
            }
            String next = page.nextToken();
            if (older[0] || next == null || next.isBlank()) {
                window.complete = true;
                return Mono.<Void>empty();
            }
            if (!window.tokens.add(next)) {
                harvest.warn(path + ": the platform repeated pagination token " + Json.abbreviate(next)
                        + "; stopped listing the look-back window");
                return Mono.<Void>empty();
            }
            if (pages + 1 >= properties.maxPages()) {
                harvest.warn(path + ": more posts in the look-back window than " + properties.maxPages()
                        + " pages; the oldest are not watched for comments");
                return Mono.<Void>empty();
            }
            return list(path, timeField, graphSince, cutoff, window, next, pages + 1);
        });
    }

    /**
     * This poll's posts, out of the window's (newest first): all when they fit the cap; else the newest half of the
     * cap, then the older ones in turn from the one after {@code turn}, the last of them kept as the new turn.
     */
    static List<String> pick(List<String> window, int cap, String turn, Map<String, String> positions) {
        positions.remove(TURN);
        if (window.size() <= cap) {
            return List.copyOf(window);
        }
        int newest = Math.max(1, cap / 2);
        List<String> picked = new ArrayList<>(window.subList(0, newest));
        List<String> older = window.subList(newest, window.size());
        int start = turn == null ? 0 : older.indexOf(turn) + 1;
        String last = null;
        for (int i = 0; i < Math.min(cap - newest, older.size()); i++) {
            last = older.get((start + i) % older.size());
            picked.add(last);
        }
        if (last != null) {
            positions.put(TURN, last);
        }
        return picked;
    }

    /** The look-back window in days: {@code connection.commentDays}, 14 when unset. */
    static int commentDays(Source source) {
        String value = source.connection().get(COMMENT_DAYS);
        if (value == null || value.isBlank()) {
            return DEFAULT_COMMENT_DAYS;
        }
        try {
            int days = Integer.parseInt(value.strip());
            if (days >= 1 && days <= MAX_COMMENT_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new ConnectorException(Kind.MISCONFIGURED, "connection." + COMMENT_DAYS + " of " + source.platform()
                + " account " + source.id() + " is '" + Json.abbreviate(value) + "'; give a whole number of days "
                + "from 1 to " + MAX_COMMENT_DAYS, null);
    }

    /** A setting that is {@code true} or {@code false}, {@code false} when unset. */
    static boolean flag(Source source, String name) {
        String value = source.connection().get(name);
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value.strip())) {
            return false;
        }
        if ("true".equalsIgnoreCase(value.strip())) {
            return true;
        }
        throw new ConnectorException(Kind.MISCONFIGURED, "connection." + name + " of " + source.platform()
                + " account " + source.id() + " is '" + Json.abbreviate(value) + "'; give true or false", null);
    }

    /** Comment streams are named {@code c.<post id>}; a post id never holds a dot. */
    static String postOf(String key) {
        int end = key.indexOf('.', 2);
        return end < 0 ? key.substring(2) : key.substring(2, end);
    }

    /** Graph's time in a field, or {@code null} when absent or unreadable. */
    static Instant time(JsonNode node, String field) {
        try {
            return Graph.time(node, field);
        } catch (Json.BadItem bad) {
            return null;
        }
    }

    /**
     * A Graph item as a stream entry, keyed by its time in {@code timeField}: the post {@code read} makes of its id
     * and time, or none (warned, naming the item as {@code what}) when it has no id or no time or is otherwise unusable.
     */
    static Entry entry(JsonNode item, int index, String timeField, String what, Harvest harvest,
                       BiFunction<String, Instant, FetchedPost> read) {
        Instant created = time(item, timeField);
        return new Entry(created == null ? null : created.toString(),
                harvest.readOrSkip(what + " " + label(item, index), () -> {
                    String id = Json.required(item, "id");
                    return read.apply(id, Json.present(created, timeField));
                }));
    }

    /** An item's id for a warning, else its place on the page. */
    static String label(JsonNode node, int index) {
        String id = Json.text(node, "id");
        return id != null ? id : "#" + index;
    }

    /** Graph's {@code since} (epoch seconds) for a stream that last reached {@code reached}. */
    static Map<String, String> graphSince(Instant reached) {
        Map<String, String> since = new LinkedHashMap<>();
        since.put("since", Long.toString(reached.getEpochSecond()));
        return since;
    }
}
