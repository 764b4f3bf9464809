package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The weekly report tells leadership what moderation saw: flagged posts by category and severity, each safeguarding
 * alert with the time it took to be acknowledged, and the escalations; the current week is there "so far" on request.
 */
@SuppressWarnings("unchecked")
class SafeguardingReportTests extends ModerationAppTestSupport {

    @Test
    void theCurrentWeeksReportCountsFlaggedPostsSafeguardingAlertsAndEscalationsSoFar() {
        ActiveAccount school = activeAccount("X", "5601", null);
        newStaff(school.schoolId(), "DEPUTY_DSL");
        Person head = newStaff(school.schoolId(), "HEADTEACHER");
        String acknowledged = arrive(school.schoolId(), school.accountId(), "I will kill myself");
        String ignored = arrive(school.schoolId(), school.accountId(), "kill myself, nobody cares");
        String abuse = arrive(school.schoolId(), school.accountId(), "you idiot");
        awaitVerdict(school.runner1(), abuse);
        for (String postId : List.of(acknowledged, ignored)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> as(school.dsl()).get()
                    .uri("/api/v1/safeguarding-alerts/{id}", postId).exchange().returnResult(String.class)
                    .getStatus().value() == 200);
        }

        clock.advance(Duration.ofMinutes(7));
        as(school.dsl()).post().uri("/api/v1/safeguarding-alerts/{id}/acknowledgement", acknowledged).exchange()
                .expectStatus().isOk();
        clock.advance(Duration.ofMinutes(9));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat((List<?>) as(school.dsl()).get()
                .uri("/api/v1/safeguarding-alerts/{id}", ignored).exchange().expectBody(Map.class).returnResult()
                .getResponseBody().get("escalations")).hasSize(1));

        Map<String, Object> report = as(head).get()
                .uri("/api/v1/reports/weekly?schoolId={s}&week=current", school.schoolId()).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(report.get("week")).isEqualTo("2026-W47");
        assertThat(report.get("weekComplete")).isEqualTo(false);
        Map<String, Object> moderation = (Map<String, Object>) report.get("moderation");
        assertThat(moderation.get("flagged")).isEqualTo(3);
        assertThat((Map<String, Object>) moderation.get("flaggedByCategory"))
                .containsEntry("SELF_HARM", 2).containsEntry("ABUSE", 1);
        assertThat((Map<String, Object>) moderation.get("flaggedBySeverity"))
                .containsEntry("CRITICAL", 2).containsEntry("MEDIUM", 1);
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) moderation.get("safeguardingAlerts");
        assertThat(alerts).extracting(line -> line.get("id")).containsExactlyInAnyOrder(acknowledged, ignored);
        Map<String, Object> done = alerts.stream().filter(line -> acknowledged.equals(line.get("id"))).findFirst()
                .orElseThrow();
        assertThat(done).containsEntry("timeToAcknowledge", "PT7M")
                .containsEntry("acknowledgedByName", "Person " + school.dsl().username())
                .containsEntry("reached", "DSL");
        assertThat(moderation.get("unacknowledged")).isEqualTo(1);
        assertThat(moderation.get("escalations")).isEqualTo(1);
        assertThat((Map<String, Object>) moderation.get("escalationsByLevel")).containsEntry("DEPUTY_DSL", 1);
        assertThat((String) report.get("summary")).startsWith("3 posts were flagged, 2 safeguarding alerts raised "
                + "(1 not yet acknowledged), 1 escalation.");
    }
}
