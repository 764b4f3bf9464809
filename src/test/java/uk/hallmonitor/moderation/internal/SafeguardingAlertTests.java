package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * HIGH and CRITICAL safeguarding alerts through the API, with GreenMail as the mail server: acknowledging one records
 * who and when and stops the ladder; a CRITICAL one opens an incident owned by the DSL; the live feed replays the
 * unacknowledged ones on connect and resumes from {@code Last-Event-ID} with exactly what was missed.
 */
@SuppressWarnings("unchecked")
class SafeguardingAlertTests extends ModerationAppTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENT =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    Escalations escalations;

    @Test
    void anAcknowledgedAlertNeverEscalates() {
        ActiveAccount school = activeAccount("X", "5301", null);
        Person deputy = newStaff(school.schoolId(), "DEPUTY_DSL");
        Person head = newStaff(school.schoolId(), "HEADTEACHER");
        String postId = arrive(school.schoolId(), school.accountId(), "I am going to kill myself tonight");
        Map<?, ?> raised = awaitSafeguardingAlert(school.dsl(), postId);
        assertThat(raised.get("state")).isEqualTo("UNACKNOWLEDGED");
        assertThat(raised.get("severity")).isEqualTo("CRITICAL");

        clock.advance(Duration.ofMinutes(5));
        Map<?, ?> acknowledged = as(school.dsl()).post()
                .uri("/api/v1/safeguarding-alerts/{id}/acknowledgement", postId)
                .bodyValue(Map.of("note", "Spoke to the pupil's parents")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat(acknowledged.get("state")).isEqualTo("ACKNOWLEDGED");
        assertThat((Map<String, Object>) acknowledged.get("acknowledgedBy"))
                .containsEntry("staffId", school.dsl().id())
                .containsEntry("name", "Person " + school.dsl().username());
        assertThat(acknowledged.get("acknowledgedAt")).isEqualTo(clock.instant().toString());
        assertThat(acknowledged.get("secondsToAcknowledge")).isEqualTo(300);
        assertThat(acknowledged.get("nextEscalationAt")).isNull();

        clock.advance(Duration.ofHours(3));
        escalations.sweep().block();
        escalations.sweep().block();

        Map<?, ?> later = safeguardingAlert(school.dsl(), postId);
        assertThat((List<?>) later.get("escalations")).isEmpty();
        assertThat(later.get("reached")).isEqualTo("DSL");
        assertThat(alerts(school.slt(), school.schoolId(), null).stream()
                .filter(alert -> String.valueOf(alert.get("source")).contains(":escalated:"))).isEmpty();
        assertThat(alerts(school.slt(), school.schoolId(), null).stream()
                .map(alert -> alert.get("recipientStaffId"))).doesNotContain(deputy.id(), head.id());
        // a second acknowledgement says who was first and changes nothing
        as(head).post().uri("/api/v1/safeguarding-alerts/{id}/acknowledgement", postId).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail)
                        .contains("Person " + school.dsl().username()));
    }

    @Test
    void anUnacknowledgedCriticalAlertGoesToTheDeputyThenTheHeadOnEveryChannel() {
        ActiveAccount school = activeAccount("X", "5302", null);
        Person deputy = newStaff(school.schoolId(), "DEPUTY_DSL");
        Person head = newStaff(school.schoolId(), "HEADTEACHER");
        webhooks(school.slt(), school.schoolId());
        String postId = arrive(school.schoolId(), school.accountId(), "I will kill myself");
        awaitSafeguardingAlert(school.dsl(), postId);

        clock.advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                (List<?>) safeguardingAlert(school.dsl(), postId).get("escalations")).hasSize(1));
        clock.advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                (List<?>) safeguardingAlert(school.dsl(), postId).get("escalations")).hasSize(2));

        Map<?, ?> climbed = safeguardingAlert(school.dsl(), postId);
        assertThat(climbed.get("reached")).isEqualTo("HEADTEACHER");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) climbed.get("escalations");
        assertThat(steps.get(0)).containsEntry("level", "DEPUTY_DSL").containsEntry("staffIds", List.of(deputy.id()));
        assertThat(steps.get(1)).containsEntry("level", "HEADTEACHER").containsEntry("staffIds", List.of(head.id()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> sent = alerts(school.slt(), school.schoolId(), null);
            for (String level : List.of("DEPUTY_DSL", "HEADTEACHER")) {
                List<String> channels = sent.stream()
                        .filter(alert -> ("post:" + postId + ":escalated:" + level).equals(alert.get("source")))
                        .map(alert -> (String) alert.get("channel")).sorted().toList();
                assertThat(channels).as(level).containsExactly("EMAIL", "FEED", "SLACK", "TEAMS");
            }
        });
        assertThat(mail.getReceivedMessagesForDomain("school.test"))
                .anySatisfy(message -> assertThat(message.getAllRecipients()[0].toString())
                        .isEqualTo(head.username() + "@school.test"));
    }

    @Test
    void aCriticalSafeguardingPostOpensAnIncidentOwnedByTheDslAtOnce() {
        ActiveAccount school = activeAccount("X", "5303", null);
        String postId = arrive(school.schoolId(), school.accountId(), "going to kill myself");
        Map<?, ?> raised = awaitSafeguardingAlert(school.dsl(), postId);
        String number = (String) raised.get("incidentNumber");
        assertThat(number).startsWith("INC-");

        as(school.dsl()).get().uri("/api/v1/incidents/{id}", number).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.owner").isEqualTo(school.dsl().id())
                .jsonPath("$.ownerName").isEqualTo("Person " + school.dsl().username())
                .jsonPath("$.severity").isEqualTo("CRITICAL")
                .jsonPath("$.category").isEqualTo("SELF_HARM")
                .jsonPath("$.postIds[0]").isEqualTo(postId)
                .jsonPath("$.trail[0].action").isEqualTo("opened")
                .jsonPath("$.notes[0].text").value(text -> assertThat((String) text).doesNotContain("kill myself"));
        as(school.dsl()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.incidentNumber").isEqualTo(number);
    }

    @Test
    void aSealedPostsSafeguardingAlertShowsTheIncidentAndNothingOfTheContent() {
        ActiveAccount school = activeAccount("X", "5304", null);
        String postId = arrive(school.schoolId(), school.accountId(), "illegalcontent here");
        Map<?, ?> raised = awaitSafeguardingAlert(school.dsl(), postId);
        assertThat(raised.get("sealed")).isEqualTo(true);
        assertThat((List<?>) raised.get("categories")).isEmpty();
        assertThat((String) raised.get("subject")).startsWith("Suspected illegal content: incident INC-");
        as(school.dsl()).get().uri("/api/v1/incidents/{id}", raised.get("incidentNumber")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.owner").isEqualTo(school.dsl().id());
    }

    @Test
    void aModeratorMayNotAcknowledgeASafeguardingAlert() {
        ActiveAccount school = activeAccount("X", "5305", null);
        String postId = arrive(school.schoolId(), school.accountId(), "kill myself");
        awaitSafeguardingAlert(school.dsl(), postId);
        as(school.runner1()).post().uri("/api/v1/safeguarding-alerts/{id}/acknowledgement", postId).exchange()
                .expectStatus().isForbidden();
        as(school.dsl()).post().uri("/api/v1/safeguarding-alerts/{id}/acknowledgement", postId)
                .bodyValue(Map.of("note", "x".repeat(2_001))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("note"));
        assertThat(safeguardingAlert(school.dsl(), postId).get("state")).isEqualTo("UNACKNOWLEDGED");
    }

    @Test
    void theFeedReplaysUnacknowledgedAlertsOnConnectAndResumesWithExactlyWhatWasMissed() {
        ActiveAccount school = activeAccount("X", "5306", null);
        String first = arrive(school.schoolId(), school.accountId(), "kill myself");
        awaitSafeguardingAlert(school.dsl(), first);

        // on connect: the unacknowledged alert, although it was sent before this screen existed
        List<ServerSentEvent<Map<String, Object>>> onConnect = feed(school.dsl(), null, Duration.ofSeconds(3));
        assertThat(onConnect).extracting(event -> event.data().get("source")).containsExactly("post:" + first);
        String lastSeen = onConnect.get(0).id();

        // while disconnected: a second flagged post
        String missed = arrive(school.schoolId(), school.accountId(), "you idiot");
        awaitVerdict(school.runner1(), missed);

        List<ServerSentEvent<Map<String, Object>>> resumed = feed(school.dsl(), lastSeen, Duration.ofSeconds(7));
        assertThat(resumed).extracting(event -> event.data().get("source")).containsExactly("post:" + missed);
        assertThat(Long.parseLong(resumed.get(0).id())).isGreaterThan(Long.parseLong(lastSeen));

        as(school.dsl()).get().uri("/api/v1/moderation/feed").header("Last-Event-ID", "yesterday")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isBadRequest();
    }

    @Test
    void theAlertsHealthComponentIsUpWithAMailServer() {
        admin().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.alerts.status").isEqualTo("UP")
                .jsonPath("$.components.alerts.details.email").isEqualTo("127.0.0.1:" + SMTP_PORT);
    }

    /** The feed's alert events received within {@code listen}. */
    private List<ServerSentEvent<Map<String, Object>>> feed(Person reader, String lastEventId, Duration listen) {
        WebTestClient.RequestHeadersSpec<?> request = as(reader).get().uri("/api/v1/moderation/feed")
                .accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        return request.exchange().expectStatus().isOk().returnResult(EVENT).getResponseBody()
                .filter(event -> "alert".equals(event.event()))
                .take(listen)
                .collectList().block(listen.plusSeconds(30));
    }

    private Map<?, ?> awaitSafeguardingAlert(Person reader, String postId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> as(reader).get()
                .uri("/api/v1/safeguarding-alerts/{id}", postId).exchange().returnResult(String.class).getStatus()
                .value() == 200);
        return safeguardingAlert(reader, postId);
    }

    private Map<?, ?> safeguardingAlert(Person reader, String postId) {
        return as(reader).get().uri("/api/v1/safeguarding-alerts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> alerts(Person reader, String schoolId, String channel) {
        Map<String, Object> page = as(reader).get().uri(builder -> builder.path("/api/v1/alerts")
                .queryParam("schoolId", schoolId).queryParam("size", 200)
                .queryParamIfPresent("channel", java.util.Optional.ofNullable(channel)).build())
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }
}
