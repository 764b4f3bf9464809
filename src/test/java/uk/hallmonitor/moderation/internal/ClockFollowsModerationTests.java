package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.hallmonitor.system.Platform;

/**
 * The response clock follows what moderators do: a comment hidden or deleted needs no reply, so its clock ends as
 * handled without a reply (not a breach, counted apart); spam gets no clock at all.
 */
class ClockFollowsModerationTests extends ModerationAppTestSupport {

    @ParameterizedTest
    @CsvSource(textBlock = """
            FACEBOOK, HIDE,   hidden,  5401
            X,        DELETE, deleted, 5402
            """)
    void hidingOrDeletingACommentEndsItsClockWithoutABreach(String platform, String action, String how,
                                                            String platformId) {
        // Facebook has no hide through its connector here: the moderator hides it by hand (BY_HAND)
        ActiveAccount school = activeAccount(platform, platformId, null);
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot", Platform.valueOf(platform));
        awaitVerdict(school.runner1(), postId);
        awaitClock(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", action, "note", "Abusive, removed")).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.clock.state").isEqualTo("HANDLED")
                .jsonPath("$.clock.handledWithoutReply").isEqualTo(true)
                .jsonPath("$.clock.handledHow").isEqualTo(how)
                .jsonPath("$.clock.answered").isEqualTo(false)
                .jsonPath("$.clock.breached").isEqualTo(false);

        // three days on, long past the due time: still no breach, and compliance counts it apart
        clock.advance(Duration.ofDays(3));
        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.clock.state").isEqualTo("HANDLED")
                .jsonPath("$.clock.breached").isEqualTo(false);
        as(school.slt()).get().uri("/api/v1/sla/compliance?schoolId={s}&week=2026-W47", school.schoolId())
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.school.breached").isEqualTo(0)
                .jsonPath("$.school.handledWithoutReply").isEqualTo(1)
                .jsonPath("$.school.total").isEqualTo(0);
    }

    @Test
    void aHideThePlatformRefusedOrAReportLeavesTheClockRunning() {
        ActiveAccount school = activeAccount("X", "5403", null);
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot");
        awaitVerdict(school.runner1(), postId);
        awaitClock(school.runner1(), postId);

        // X can hide replies, but this account has no working connection: the platform refuses
        Map<?, ?> refused = as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "HIDE", "note", "Abusive")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        List<?> actions = (List<?>) refused.get("actions");
        assertThat(((Map<?, ?>) actions.get(0)).get("outcome")).isEqualTo("PLATFORM_FAILED");
        assertThat(((Map<?, ?>) refused.get("clock")).get("state")).isEqualTo("OPEN");

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "REPORT", "note", "Reported to X", "version", refused.get("version")))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.clock.state").isEqualTo("OPEN");
    }

    @Test
    void aPostDeletedOnThePlatformEndsItsClock() {
        ActiveAccount school = activeAccount("X", "5404", null);
        String postId = arrive(school.schoolId(), school.accountId(), "you idiot");
        awaitVerdict(school.runner1(), postId);
        awaitClock(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "BLOCK_AUTHOR", "note", "Blocked", "postGone", true)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.clock.state").isEqualTo("HANDLED")
                .jsonPath("$.clock.handledHow").isEqualTo("deleted on the platform");
    }

    @Test
    void spamGetsNoClock() {
        ActiveAccount school = activeAccount("X", "5405", null);
        String spam = arrive(school.schoolId(), school.accountId(), "buy cheap watches at example dot com");
        String question = arrive(school.schoolId(), school.accountId(), "what time does the fair start?");
        awaitVerdict(school.runner1(), spam);
        awaitVerdict(school.runner1(), question);
        // the ordinary question gets its clock: the SLA has seen both posts
        awaitClock(school.runner1(), question);

        as(school.runner1()).get().uri("/api/v1/posts/{id}", spam).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.flagged").isEqualTo(false).jsonPath("$.clock").doesNotExist();
        Map<?, ?> listed = as(school.runner1()).get()
                .uri("/api/v1/sla/clocks?schoolId={s}&accountId={a}", school.schoolId(), school.accountId())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        List<Object> clocked = ((List<?>) listed.get("items")).stream()
                .map(item -> (Object) ((Map<?, ?>) item).get("postId")).toList();
        assertThat(clocked).containsExactly(question);
    }

    private Map<?, ?> awaitClock(Person reader, String postId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> (Map<?, ?>) as(reader).get()
                .uri("/api/v1/posts/{id}", postId).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("clock"), clock -> clock != null);
    }
}
