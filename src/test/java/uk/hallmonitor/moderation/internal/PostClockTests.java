package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/posts/{id}} shows the post's SLA response clock, read through sla's {@code PostClocks}. */
class PostClockTests extends ModerationAppTestSupport {

    @Test
    void aCommentOnASchoolAccountShowsItsOpenClock() {
        ActiveAccount school = activeAccount("X", "4101", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        Map<?, ?> clock = awaitClock(school.runner1(), postId);

        assertThat(clock.get("state")).isEqualTo("OPEN");
        assertThat((String) clock.get("dueAt")).isNotBlank();
        assertThat(clock.get("reminded")).isEqualTo(false);
        assertThat(clock.get("breached")).isEqualTo(false);
        assertThat(clock.get("answered")).isEqualTo(false);
        assertThat(clock.get("answeredAt")).isNull();
    }

    @Test
    void anAcknowledgedCommentShowsItsClockAnswered() {
        ActiveAccount school = activeAccount("X", "4102", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        awaitClock(school.runner1(), postId);
        Map<?, ?> listed = as(school.runner1()).get()
                .uri("/api/v1/sla/clocks?schoolId={s}&accountId={a}", school.schoolId(), school.accountId())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String clockId = (String) ((Map<?, ?>) ((List<?>) listed.get("items")).get(0)).get("id");

        as(school.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "Phoned the parent")).exchange().expectStatus().isOk();

        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.clock.state").isEqualTo("MET")
                .jsonPath("$.clock.answered").isEqualTo(true)
                .jsonPath("$.clock.answeredLate").isEqualTo(false)
                .jsonPath("$.clock.answeredAt").isNotEmpty();
    }

    @Test
    void aPublicMentionHasNoClock() {
        ActiveAccount school = activeAccount("X", "4103", null);
        String postId = arrive(school.schoolId(), null, "idiot");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.id").isEqualTo(postId)
                .jsonPath("$.clock").doesNotExist();
    }

    @Test
    void anotherSchoolsPostAndItsClockAreNotFound() {
        ActiveAccount school = activeAccount("X", "4104", null);
        ActiveAccount other = activeAccount("X", "4105", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        awaitClock(school.runner1(), postId);

        as(other.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.clock").doesNotExist();
    }

    private Map<?, ?> awaitClock(Person reader, String postId) {
        // the clock is started by sla's own listener of PostReceived, beside moderation's
        return await().atMost(Duration.ofSeconds(10)).until(() -> (Map<?, ?>) as(reader).get()
                .uri("/api/v1/posts/{id}", postId).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("clock"), clock -> clock != null);
    }
}
