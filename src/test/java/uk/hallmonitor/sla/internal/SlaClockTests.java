package uk.hallmonitor.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.system.Platform;

/** Response clocks through the real service: started by events and the sweep, reminded, breached, met. */
class SlaClockTests extends AppTestSupport {

    /** Monday 16 November 2026 10:00 UTC (GMT): due Tuesday 10:00. */
    private static final Instant MONDAY = START;
    private static final Instant DUE = MONDAY.plus(Duration.ofHours(24));

    /** What {@link ClockStarter} queues for each announcement, run here directly so each step is finished. */
    @Autowired
    ResponseClocks clocks;

    @Autowired
    ClockSweep sweep;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aCommentStartsAClockDueTwentyFourHoursLater() {
        ActiveAccount account = activeAccount("X", "1001", null);

        received(account, PostKind.COMMENT, MONDAY, "conv-1");

        as(account.slt()).get().uri("/api/v1/sla/clocks?state=OPEN").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].accountId").isEqualTo(account.accountId())
                .jsonPath("$.items[0].receivedAt").isEqualTo("2026-11-16T10:00:00Z")
                .jsonPath("$.items[0].dueAt").isEqualTo("2026-11-17T10:00:00Z")
                .jsonPath("$.items[0].state").isEqualTo("OPEN")
                .jsonPath("$.items[0].remindersSent.length()").isEqualTo(0);
    }

    @Test
    void publicMentionsAndTheSchoolsOwnPostsStartNoClock() {
        ActiveAccount account = activeAccount("X", "1002", null);

        received(account, PostKind.PUBLIC_MENTION, MONDAY, "conv-2");
        received(account, PostKind.OWN_POST, MONDAY, "conv-3");

        as(account.slt()).get().uri("/api/v1/sla/clocks").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void theSweepClocksAStoredPostWhoseEventWasLostAndNeverTwice() {
        ActiveAccount account = activeAccount("X", "1003", null);
        String postId = UUID.randomUUID().toString();
        mongo.insert(new Document(Map.of("_id", postId, "schoolId", account.schoolId(),
                "accountId", account.accountId(), "platform", "X", "kind", "MENTION", "platformPostId", "p-" + postId,
                "postedAt", Date.from(MONDAY), "collectedAt", Date.from(MONDAY.plusSeconds(60)))), "posts").block();

        sweep.run().block();
        sweep.run().block();
        clocks.take(post(account, postId, PostKind.MENTION, MONDAY, null, null).post()).block();

        assertThat(clocksOf(account)).singleElement().satisfies(clock -> {
            assertThat(clock.postId()).isEqualTo(postId);
            assertThat(clock.dueAt()).isEqualTo(DUE);
        });
    }

    @Test
    void eachReminderGoesOnceToTheRunnersThenSltHearOfTheBreach() {
        ActiveAccount account = activeAccount("X", "1004", null);
        received(account, PostKind.DIRECT_MESSAGE, MONDAY, "dm-1");

        clock.set(DUE.minus(Duration.ofHours(4)).plusSeconds(1));
        sweep.run().block();
        sweep.run().block();
        ResponseClock afterFirst = clocksOf(account).get(0);
        assertThat(afterFirst.remindersSent()).containsExactly("PT4H");
        assertThat(afterFirst.notices()).singleElement()
                .satisfies(notice -> assertThat(notice.recipients()).containsExactlyInAnyOrder(account.runner1().id(),
                        account.runner2().id()));
        assertThat(afterFirst.nextActionAt()).isEqualTo(DUE.minus(Duration.ofHours(1)));

        clock.set(DUE.minus(Duration.ofMinutes(59)));
        sweep.run().block();
        assertThat(clocksOf(account).get(0).remindersSent()).containsExactly("PT4H", "PT1H");

        clock.set(DUE.plusSeconds(1));
        sweep.run().block();
        sweep.run().block();
        ResponseClock breached = clocksOf(account).get(0);
        assertThat(breached.state()).isEqualTo(ClockState.BREACHED);
        assertThat(breached.notices()).extracting(Notice::step).containsExactly("PT4H", "PT1H", "BREACH");
        assertThat(breached.notices().get(2).recipients()).containsExactly(account.slt().id());
        assertThat(breached.nextActionAt()).isNull();
    }

    @Test
    void aClockFoundAfterBothReminderTimesSendsBothOnceAndNoneAfterTheDueTime() {
        ActiveAccount account = activeAccount("X", "1005", null);
        received(account, PostKind.COMMENT, MONDAY, "conv-5");
        ActiveAccount other = activeAccount("X", "1006", null);
        received(other, PostKind.COMMENT, MONDAY, "conv-6");

        clock.set(DUE.minus(Duration.ofMinutes(30)));
        sweep.run().block();
        clock.set(DUE.plus(Duration.ofHours(2)));
        sweep.run().block();

        assertThat(clocksOf(account).get(0).notices()).extracting(Notice::step)
                .containsExactly("PT4H", "PT1H", "BREACH");
        assertThat(clocksOf(other).get(0).notices()).extracting(Notice::step)
                .containsExactly("PT4H", "PT1H", "BREACH");
    }

    @Test
    void theSchoolsReplyInTheConversationMeetsTheClockAndAReplyAfterTheDueTimeIsLate() {
        ActiveAccount account = activeAccount("X", "1007", null);
        received(account, PostKind.COMMENT, MONDAY, "conv-7");
        received(account, PostKind.COMMENT, MONDAY, "conv-8");

        received(account, PostKind.OWN_POST, MONDAY.plus(Duration.ofHours(3)), "conv-7");
        clock.set(DUE.plusSeconds(10));
        sweep.run().block();
        received(account, PostKind.OWN_POST, DUE.plus(Duration.ofHours(1)), "conv-8");

        List<ResponseClock> clocks = clocksOf(account);
        ResponseClock onTime =
                clocks.stream().filter(c -> "conv-7".equals(c.conversationId())).findFirst().orElseThrow();
        ResponseClock late = clocks.stream().filter(c -> "conv-8".equals(c.conversationId())).findFirst().orElseThrow();
        assertThat(onTime.state()).isEqualTo(ClockState.MET);
        assertThat(onTime.metLate()).isFalse();
        assertThat(onTime.metAt()).isEqualTo(MONDAY.plus(Duration.ofHours(3)));
        assertThat(onTime.notices()).isEmpty();
        assertThat(late.state()).isEqualTo(ClockState.MET);
        assertThat(late.metLate()).isTrue();
        assertThat(late.breachedAt()).isEqualTo(DUE.plusSeconds(10));
    }

    @Test
    void aReplyToTheItemItselfMeetsItEvenWithoutAConversationId() {
        ActiveAccount account = activeAccount("X", "1008", null);
        PostReceived comment = received(account, PostKind.COMMENT, MONDAY, null);

        clocks.take(StoredPosts.announcement(UUID.randomUUID().toString(), account.schoolId(), account.accountId(),
                Platform.X, PostKind.OWN_POST, "reply-1", null, comment.post().platformPostId(),
                MONDAY.plusSeconds(600), MONDAY.plusSeconds(660)).post()).block();

        assertThat(clocksOf(account).get(0).state()).isEqualTo(ClockState.MET);
    }

    @Test
    void anItemReceivedOnSaturdayIsDueAtTheCloseOfMonday() {
        ActiveAccount account = activeAccount("X", "1009", null);

        received(account, PostKind.COMMENT, Instant.parse("2026-11-21T09:00:00Z"), "conv-9");

        assertThat(clocksOf(account).get(0).dueAt()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    // ---- helpers

    private PostReceived received(ActiveAccount account, PostKind kind, Instant at, String conversationId) {
        PostReceived post = post(account, UUID.randomUUID().toString(), kind, at, conversationId, null);
        clocks.take(post.post()).block();
        return post;
    }

    private static PostReceived post(ActiveAccount account, String postId, PostKind kind, Instant at,
                                     String conversationId, String inReplyTo) {
        return StoredPosts.announcement(postId, account.schoolId(), account.accountId(), Platform.X, kind,
                "p-" + postId, conversationId, inReplyTo, at, at.plusSeconds(60));
    }

    private List<ResponseClock> clocksOf(ActiveAccount account) {
        return mongo.find(Query.query(Criteria.where("accountId").is(account.accountId())), ResponseClock.class)
                .collectList().block();
    }
}
