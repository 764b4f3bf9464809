package uk.hallmonitor.connectors.meta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.internal.Harvest;
import uk.hallmonitor.connectors.internal.Json;
import uk.hallmonitor.connectors.internal.PagedStream.Entry;
import uk.hallmonitor.connectors.internal.PostKinds;

/**
 * Reads a Facebook Page's Messenger conversations for one poll, when the account's connection turns it on: the
 * conversations updated since the last poll ({@code /{page}/conversations?platform=messenger}, newest first; Meta
 * offers no time-based paging there, so the walk goes by {@code paging.cursors.after} and stops at the last time
 * stored), then each one's messages ({@code /{conversation}/messages}, newest first) back to that time. Messages
 * people sent become {@code DIRECT_MESSAGE}s in the conversation's thread; the Page's own messages are not inbound
 * posts and are passed over. The conversations' position moves only once every updated conversation's messages
 * were read to the end, so a poll cut short reads them again (each message is stored once, by its id).
 */
final class PageConversations {

    /** The cursor stream of the conversation list. */
    static final String STREAM = "dm";
    static final String FIELDS = "id,updated_time";
    static final String MESSAGE_FIELDS = "id,message,created_time,from{id,name}";
    private static final int PAGE = 25;
    private static final int MESSAGE_PAGE = 25;

    private final GraphPoll poll;
    private final String pageId;
    private final Harvest harvest;

    PageConversations(GraphPoll poll, String pageId) {
        this.poll = poll;
        this.pageId = pageId;
        this.harvest = poll.harvest();
    }

    Mono<Void> read() {
        return Mono.defer(() -> {
            String stored = poll.since().get(STREAM + ".since");
            Instant floor = stored == null ? null : Instant.parse(stored);
            Set<String> updated = new LinkedHashSet<>();
            return poll.read(STREAM, Graph.encoded(pageId) + "/conversations", FIELDS, PAGE,
                    Map.of("platform", "messenger"), null, (conversation, index) -> {
                        Instant at = GraphPoll.time(conversation, "updated_time");
                        String id = Json.text(conversation, "id");
                        if (at == null || id == null) {
                            harvest.warn("skipped Messenger conversation "
                                    + GraphPoll.label(conversation, index) + ": no id or updated_time");
                            return new Entry(null, null);
                        }
                        // the same second as the stored time may hold a message not yet read
                        if (floor == null || !at.isBefore(floor)) {
                            updated.add(id);
                        }
                        return new Entry(at.toString(), null);
                    })
                    .flatMap(positions -> Flux.fromIterable(updated)
                            .concatMap(conversation -> messages(conversation, floor, null, 0, new HashSet<>()))
                            .all(done -> done)
                            .doOnNext(all -> {
                                if (all) {
                                    poll.keep(positions, STREAM + ".");
                                }
                            }))
                    .then();
        });
    }

    /** Reads one conversation's messages back to {@code floor}; answers whether it got there. */
    private Mono<Boolean> messages(String conversation, Instant floor, String after, int pages, Set<String> tokens) {
        if (harvest.remainingReads() < 1) {
            harvest.warn(STREAM + ": this poll's read budget is used up; conversation " + conversation
                    + " is read next poll");
            return Mono.just(false);
        }
        boolean[] reachedFloor = {false};
        List<FetchedPost> found = new ArrayList<>();
        return poll.page(Graph.encoded(conversation) + "/messages", Graph.params("fields", MESSAGE_FIELDS,
                "limit", Integer.toString(Math.min(MESSAGE_PAGE, harvest.remainingReads())), "after", after),
                (message, index) -> {
                    Instant created = GraphPoll.time(message, "created_time");
                    if (floor != null && created != null && created.isBefore(floor)) {
                        reachedFloor[0] = true;
                        return new Entry(null, null);
                    }
                    FetchedPost post = message(message, index, conversation);
                    if (post != null) {
                        found.add(post);
                    }
                    return new Entry(null, null);
                })
                .flatMap(page -> {
                    harvest.answered();
                    harvest.read(page.reads());
                    found.forEach(harvest::add);
                    String next = page.nextToken();
                    // a first poll reads the newest page only, as every other stream does
                    if (floor == null || reachedFloor[0] || next == null || next.isBlank()) {
                        return Mono.just(true);
                    }
                    if (!tokens.add(next)) {
                        harvest.warn(STREAM + ": the platform repeated pagination token " + Json.abbreviate(next)
                                + " in conversation " + conversation + "; stopped paging");
                        return Mono.just(true);
                    }
                    if (page.pause() != null || pages + 1 >= poll.maxPages()) {
                        harvest.warn(STREAM + ": conversation " + conversation + " has more new messages than "
                                + "this poll reads; the rest is read next poll");
                        return Mono.just(false);
                    }
                    return messages(conversation, floor, next, pages + 1, tokens);
                })
                .onErrorResume(ConnectorException.class, failure -> {
                    if (!harvest.outlasts(failure)) {
                        return Mono.error(failure);
                    }
                    harvest.warn(STREAM + ": " + failure.getMessage() + "; conversation " + conversation
                            + " is read again next poll");
                    return Mono.just(false);
                });
    }

    /** A message someone sent the Page, or {@code null} for the Page's own and for unreadable ones (warned). */
    private FetchedPost message(JsonNode message, int index, String conversation) {
        return harvest.readOrSkip("Messenger message " + GraphPoll.label(message, index), () -> {
            String id = Json.required(message, "id");
            Instant created = Json.present(GraphPoll.time(message, "created_time"), "created_time");
            JsonNode from = Json.object(message, "from");
            String fromId = Json.text(from, "id");
            if (pageId.equals(fromId)) {
                return null;
            }
            String text = Json.text(message, "message");
            // a photo or sticker alone has no text; the message still asks for an answer
            return new FetchedPost(id, PostKinds.DIRECT_MESSAGE, fromId, Json.text(from, "name"),
                    text == null ? "" : text, null, conversation, null, created, null);
        });
    }
}
