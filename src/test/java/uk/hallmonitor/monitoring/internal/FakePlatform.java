package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * A fake platform for tests and the benchmark: every source has a numbered feed; cursor {@code n} answers posts
 * n+1..n+perPoll (up to {@code feedLength}) after {@code latency}. It records every fetch and any overlap of two
 * fetches of the same source, and can be scripted to answer a source's next fetches differently.
 */
class FakePlatform implements PlatformConnector {

    // a platform no real connector serves, so the fake is the only one registered for it
    static final Platform PLATFORM = Platform.OTHER;

    /** One fetch as the platform saw it. */
    record Fetch(String sourceId, int from) {
    }

    final List<Fetch> fetches = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger overlaps = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<Function<Source, Mono<Batch>>>> scripts = new ConcurrentHashMap<>();
    volatile Duration latency = Duration.ZERO;
    volatile int perPoll = 3;
    volatile int feedLength = 9;
    volatile Instant postedAt = Instant.parse("2026-11-16T09:00:00Z");

    @Override
    public Platform platform() {
        return PLATFORM;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.COMMENTS, Capability.MENTIONS, Capability.SEARCH, Capability.OWN_POSTS);
    }

    /** The source's next fetch answers this instead of its feed. */
    void script(String sourceId, Function<Source, Mono<Batch>> answer) {
        scripts.computeIfAbsent(sourceId, id -> new ConcurrentLinkedDeque<>()).add(answer);
    }

    List<Integer> positionsFetched(String sourceId) {
        synchronized (fetches) {
            return fetches.stream().filter(f -> f.sourceId().equals(sourceId)).map(Fetch::from).toList();
        }
    }

    @Override
    public Mono<Batch> fetch(Source source, Cursor since) {
        return Mono.defer(() -> {
            calls.incrementAndGet();
            if (!inFlight.add(source.id())) {
                overlaps.incrementAndGet();
            }
            int from = since.get("n") == null ? 0 : Integer.parseInt(since.get("n"));
            fetches.add(new Fetch(source.id(), from));
            Deque<Function<Source, Mono<Batch>>> script = scripts.get(source.id());
            Function<Source, Mono<Batch>> scripted = script == null ? null : script.poll();
            Mono<Batch> answer =
                    scripted != null ? scripted.apply(source) : Mono.fromSupplier(() -> feed(source, from));
            Mono<Batch> delayed = latency.isZero() ? answer : Mono.delay(latency).then(answer);
            return delayed.doFinally(signal -> inFlight.remove(source.id()));
        });
    }

    private Batch feed(Source source, int from) {
        int to = Math.min(feedLength, from + perPoll);
        List<FetchedPost> posts = new ArrayList<>();
        for (int i = from + 1; i <= to; i++) {
            posts.add(post(source, i, "post " + i + " for " + source.id(), null));
        }
        return new Batch(posts, new Cursor(Map.of("n", Integer.toString(Math.max(from, to)))), posts.size(), List.of(),
                null);
    }

    FetchedPost post(Source source, int i, String text, Instant editedAt) {
        return new FetchedPost(source.id() + "-" + i, source.isWatch() ? "PUBLIC_MENTION" : "COMMENT", "u" + i,
                "@parent" + i, text, "https://example.test/p/" + i, "conv-" + source.id(), null,
                postedAt.plusSeconds(i), editedAt);
    }
}
