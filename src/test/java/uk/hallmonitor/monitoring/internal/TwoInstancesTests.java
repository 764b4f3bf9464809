package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.monitoring.PostReceived;

/** Two application instances (two Spring contexts) polling the same sources against one store. */
class TwoInstancesTests {

    static final int SOURCES = 30;
    static final int FEED = 12;
    static MonitoringInstance.SharedStore store;
    static MonitoringInstance first;
    static MonitoringInstance second;
    static final FakePlatform platform = new FakePlatform();
    static final FakeRegister register = new FakeRegister();
    static final MutableClock clock = new MutableClock(Instant.parse("2026-11-16T10:00:00Z"));
    static final ExecutorService servers = Executors.newFixedThreadPool(2);

    @BeforeAll
    static void start() {
        platform.latency = Duration.ofMillis(20);
        platform.perPoll = 3;
        platform.feedLength = FEED;
        IntStream.range(0, SOURCES).forEach(i -> register.add("acc" + i, "school" + (i % 3)));
        store = new MonitoringInstance.SharedStore();
        first = MonitoringInstance.start(store, platform, register, clock, null);
        second = MonitoringInstance.start(store, platform, register, clock, null);
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        store.close();
        servers.shutdown();
    }

    @Test
    void eachPostIsStoredOnceAndNoSourceIsPolledByBothAtTheSameTime() {
        List<PollDispatcher.Round> rounds = new ArrayList<>();
        for (int round = 0; round < FEED / 3 + 1; round++) {
            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            // both instances run their round at the same moment, as two servers would (each on its own thread)
            CompletableFuture<PollDispatcher.Round> one = CompletableFuture.supplyAsync(first::round, servers);
            CompletableFuture<PollDispatcher.Round> two = CompletableFuture.supplyAsync(second::round, servers);
            rounds.add(one.join());
            rounds.add(two.join());
        }

        assertThat(platform.overlaps.get()).as("fetches of one source running at the same time").isZero();
        for (int i = 0; i < SOURCES; i++) {
            assertThat(platform.positionsFetched("acc" + i)).as("each cursor position fetched once, in order")
                    .containsExactly(0, 3, 6, 9, 12);
        }
        long stored = first.bean(ReactiveMongoTemplate.class).count(new Query(), PostDocument.class).block();
        assertThat(stored).isEqualTo(SOURCES * FEED);
        // each post is announced once, by whichever instance stamped it first
        await().atMost(Duration.ofSeconds(60))
                .until(() -> first.received.events.size() + second.received.events.size() >= SOURCES * FEED);
        List<PostReceived> announced = new ArrayList<>(first.received.events);
        announced.addAll(second.received.events);
        Set<String> distinct = new HashSet<>();
        announced.forEach(event -> distinct.add(event.postId()));
        assertThat(announced).hasSize(SOURCES * FEED);
        assertThat(distinct).hasSize(SOURCES * FEED);
        int polledByFirst = rounds.stream().filter(r -> rounds.indexOf(r) % 2 == 0)
                .mapToInt(r -> r.count(PollOutcome.POLLED)).sum();
        int polledBySecond = rounds.stream().mapToInt(r -> r.count(PollOutcome.POLLED)).sum() - polledByFirst;
        assertThat(polledByFirst + polledBySecond).isEqualTo(SOURCES * (FEED / 3 + 1));
        assertThat(polledByFirst).as("work spreads across instances").isPositive();
        assertThat(polledBySecond).as("work spreads across instances").isPositive();
    }
}
