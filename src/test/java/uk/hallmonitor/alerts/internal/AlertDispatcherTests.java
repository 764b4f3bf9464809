package uk.hallmonitor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Recipient;

class AlertDispatcherTests {

    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final MutableClock clock = new MutableClock(Fixtures.NOON);
    private final FlakyChannel email = new FlakyChannel();
    private final AlertDispatcher dispatcher = new AlertDispatcher(store, List.of(email), clock, Fixtures.properties());

    @Test
    void anAlertIsRecordedOnceForTheSameSourceRecipientAndChannel() {
        StepVerifier.create(store.record(alert("a1", "bob")).then(store.record(alert("a2", "bob"))))
                .expectNext(false).verifyComplete();
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void aFailedSendIsRetriedWithBackoffAndSentOnceWhenTheServerIsBack() {
        store.record(alert("a1", "bob")).block();
        email.down.set(true);

        StepVerifier.create(dispatcher.deliver("a1")).expectNext(false).verifyComplete();
        Alert failed = store.byId.get("a1");
        assertThat(failed.state()).isEqualTo(AlertState.PENDING);
        assertThat(failed.nextAttemptAt()).isEqualTo(Fixtures.NOON.plusSeconds(2));
        assertThat(failed.lastError()).contains("connection refused");

        email.down.set(false);
        StepVerifier.create(dispatcher.drain()).expectNext(0L).verifyComplete(); // not due yet
        clock.advance(Duration.ofSeconds(2));
        StepVerifier.create(dispatcher.drain()).expectNext(1L).verifyComplete();
        StepVerifier.create(dispatcher.drain()).expectNext(0L).verifyComplete();

        assertThat(store.byId.get("a1").state()).isEqualTo(AlertState.SENT);
        assertThat(store.byId.get("a1").attempts()).isEqualTo(2);
        assertThat(email.delivered).containsExactly("a1");
    }

    @Test
    void aHangingChannelCountsAsAFailureAndIsRetried() {
        store.record(alert("a1", "bob")).block();
        email.hang.set(true);

        StepVerifier.create(dispatcher.deliver("a1")).expectNext(false).verifyComplete();

        assertThat(store.byId.get("a1").state()).isEqualTo(AlertState.PENDING);
        assertThat(store.byId.get("a1").lastError()).contains("no answer within");
    }

    @Test
    void anUndeliverableAlertIsKeptWithTheReasonAndNotRetried() {
        store.record(alert("a1", null)).block();

        dispatcher.deliver("a1").block();
        clock.advance(Duration.ofHours(1));

        assertThat(dispatcher.drain().block()).isZero();
        assertThat(store.byId.get("a1").state()).isEqualTo(AlertState.UNDELIVERABLE);
        assertThat(store.byId.get("a1").lastError()).isEqualTo("no email address");
    }

    @Test
    void anAlertLeasedByACrashedDispatcherIsTakenOverWhenTheLeaseEnds() {
        store.record(alert("a1", "bob")).block();
        store.claim("a1", "crashed", clock.instant(), Duration.ofSeconds(60)).block();

        assertThat(dispatcher.drain().block()).isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(dispatcher.drain().block()).isEqualTo(1L);

        assertThat(store.byId.get("a1").state()).isEqualTo(AlertState.SENT);
        assertThat(store.settle(store.byId.get("a1"), "crashed").block()).isFalse();
    }

    @Test
    void twoDispatchersRacingOverABurstSendEachAlertExactlyOnce() {
        for (int i = 0; i < 200; i++) {
            store.record(alert("a" + i, "bob" + i)).block();
        }
        AlertDispatcher other = new AlertDispatcher(store, List.of(email), clock, Fixtures.properties());

        Flux.merge(dispatcher.drain().subscribeOn(Schedulers.parallel()),
                other.drain().subscribeOn(Schedulers.parallel())).blockLast();

        assertThat(email.delivered).hasSize(200).doesNotHaveDuplicates();
        assertThat(store.all()).allMatch(a -> a.state() == AlertState.SENT);
    }

    private static Alert alert(String id, String to) {
        Recipient recipient = Recipient.staff(to == null ? "nobody" : to, "Name", to == null ? null : to + "@x");
        return Alert.record(id, "school-1", "post:p1", new Delivery(recipient, Channel.EMAIL, "moderator", false),
                new AlertMessage("s", "b"), Fixtures.NOON);
    }

    /** An email channel that can be down or hang. */
    static final class FlakyChannel implements AlertChannel {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicBoolean hang = new AtomicBoolean();
        final List<String> delivered = new CopyOnWriteArrayList<>();

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public Mono<SendResult> send(Alert alert) {
            if (alert.address() == null) {
                return Mono.just(SendResult.undeliverable("no email address"));
            }
            if (hang.get()) {
                return Mono.never();
            }
            if (down.get()) {
                return Mono.error(new IllegalStateException("connection refused"));
            }
            delivered.add(alert.id());
            return Mono.just(SendResult.sent());
        }
    }
}
