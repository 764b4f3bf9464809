package uk.hallmonitor.alerts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.moderation.internal.ModerationAppTestSupport;

/** The outbox's batched writes on the real driver and store: repeats dropped, outcomes only under one's own lease. */
class MongoAlertStoreTests extends ModerationAppTestSupport {

    @Autowired
    MongoAlertStore store;

    @Test
    void aBatchWithARepeatedRecipientRecordsTheOthersAndLeavesTheFirstAlone() {
        String source = "post:" + UUID.randomUUID();
        Alert earlier = alert("e-" + UUID.randomUUID(), source, "bob");
        store.record(earlier).block();
        Alert fresh = alert("f-" + UUID.randomUUID(), source, "ann");
        Alert repeat = alert("r-" + UUID.randomUUID(), source, "bob");
        Alert other = alert("o-" + UUID.randomUUID(), source, "cat");

        List<Alert> recorded = store.recordAll(List.of(fresh, repeat, other)).collectList().block();

        assertThat(recorded).extracting(Alert::id).containsExactlyInAnyOrder(fresh.id(), other.id());
        assertThat(store.page(null, null, null, source, 0, 10).block().items()).extracting(Alert::id)
                .containsExactlyInAnyOrder(earlier.id(), fresh.id(), other.id());
    }

    @Test
    void outcomesAreWrittenTogetherOnlyWhereTheLeaseIsStillOurs() {
        String source = "post:" + UUID.randomUUID();
        Alert mine =
                alert("m-" + UUID.randomUUID(), source, "ann").claimed("me", clock.instant(), Duration.ofMinutes(1));
        Alert takenOver = alert("t-" + UUID.randomUUID(), source, "bob")
                .claimed("other", clock.instant(), Duration.ofMinutes(1));
        store.recordAll(List.of(mine, takenOver)).blockLast();

        long written = store.settleAll(List.of(mine.sent(clock.instant()), takenOver.sent(clock.instant())), "me")
                .block();

        assertThat(written).isEqualTo(1);
        List<Alert> stored = store.page(null, null, null, source, 0, 10).block().items();
        assertThat(stored).filteredOn(a -> a.id().equals(mine.id())).singleElement()
                .satisfies(a -> {
                    assertThat(a.state()).isEqualTo(AlertState.SENT);
                    assertThat(a.leaseOwner()).isNull();
                });
        assertThat(stored).filteredOn(a -> a.id().equals(takenOver.id())).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.SENDING));
    }

    private Alert alert(String id, String source, String to) {
        Recipient recipient = Recipient.staff(to, to, to + "@school.test");
        return Alert.record(id, "school-outbox", source, new Delivery(recipient, Channel.EMAIL, "moderator", false),
                new AlertMessage("s", "b"), clock.instant());
    }
}
