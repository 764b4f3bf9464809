package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.monitoring.PostReceived;

/** A poller killed between storing a batch and moving the cursor loses nothing and stores nothing twice. */
class CrashRecoveryTests {

    /** Stands for the process dying: an Error, which the poller does not treat as a platform failure. */
    static final class Killed extends Error {
        Killed() {
            super("process killed between storing the batch and moving the cursor");
        }
    }

    @Test
    void aCrashBetweenStoringAndMovingTheCursorReFetchesAndNeverSkipsOrDuplicates() {
        FakePlatform platform = new FakePlatform();
        platform.perPoll = 3;
        platform.feedLength = 12;
        FakeRegister register = new FakeRegister();
        register.add("crashy", "school1");
        register.add("steady", "school1");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-16T10:00:00Z"));
        AtomicBoolean armed = new AtomicBoolean(false);
        // kills the poll of "crashy" once, after its second batch (posts 4-6) is stored
        PollFaults killOnce = (source, batch) -> source.id().equals("crashy") && armed.compareAndSet(true, false)
                ? Mono.error(new Killed()) : Mono.empty();
        List<PostReceived> announced = new ArrayList<>();

        try (MonitoringInstance.SharedStore store = new MonitoringInstance.SharedStore()) {
            MonitoringInstance first;
            try (MonitoringInstance before = MonitoringInstance.start(store, platform, register, clock, killOnce)) {
                first = before;
                before.round();
                armed.set(true);
                clock.advance(Duration.ofMinutes(2));
                PollDispatcher.Round killed = before.round();
                assertThat(killed.count(PollOutcome.ABORTED)).isEqualTo(1);
                assertThat(before.bean(SourceStates.class).find("account:crashy").block().cursor().get("n"))
                        .as("the cursor did not move").isEqualTo("3");
            }
            // read after the close: its graceful stop announces what it still had queued
            announced.addAll(first.received.events);

            try (MonitoringInstance after = MonitoringInstance.start(store, platform, register, clock, null)) {
                for (int i = 0; i < 4; i++) {
                    clock.advance(Duration.ofMinutes(2));
                    after.round();
                }
                // a graceful stop announced what the first instance had queued; the second announces the rest
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> announced.size() + after.received.events.size() >= 24);
                announced.addAll(after.received.events);
                ReactiveMongoTemplate mongo = after.bean(ReactiveMongoTemplate.class);
                List<PostDocument> posts = mongo.find(new Query(), PostDocument.class).collectList().block();

                assertThat(platform.positionsFetched("crashy")).as("re-fetched from where the cursor stood")
                        .containsExactly(0, 3, 3, 6, 9, 12);
                assertThat(platform.positionsFetched("steady")).as("an exhausted feed is asked again from the end")
                        .containsExactly(0, 3, 6, 9, 12, 12);
                assertThat(posts).hasSize(24);
                assertThat(posts.stream().map(PostDocument::platformPostId).distinct()).hasSize(24);
                for (int i = 1; i <= 12; i++) {
                    String id = "crashy-" + i;
                    assertThat(posts).as("post %s stored", id).anyMatch(p -> p.platformPostId().equals(id));
                }
                assertThat(announced).hasSize(24);
                assertThat(new HashSet<>(announced.stream().map(PostReceived::postId).toList())).hasSize(24);
            }
        }
    }
}
