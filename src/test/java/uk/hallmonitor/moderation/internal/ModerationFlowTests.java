package uk.hallmonitor.moderation.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A post arrives, is classified, the right people hear of it on each channel, a moderator acts, incidents follow. */
class ModerationFlowTests extends ModerationAppTestSupport {

    @Autowired
    ClassifierFeedback feedback;

    @Test
    void anAbusiveCommentReachesModeratorsAndRunnersOnEveryChannelAndEscalatesToAnIncident() {
        ActiveAccount school = activeAccount("X", "1001", null);
        webhooks(school.slt(), school.schoolId());
        stubHooks(school.schoolId(), 200);

        String postId = arrive(school.schoolId(), school.accountId(), "you are an idiot, headteacher");

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(school.runner1()).size() == 1
                && mailTo(school.runner2()).size() == 1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            hooks.verify(1, postRequestedFor(urlEqualTo("/teams/" + school.schoolId())));
            hooks.verify(1, postRequestedFor(urlEqualTo("/slack/" + school.schoolId())));
        });
        assertThat(mailTo(school.dsl())).isEmpty(); // medium abuse is not a safeguarding matter
        assertThat(body(mailTo(school.runner1()).get(0))).contains("you are an idiot", "MEDIUM", postId);

        as(school.runner1()).get().uri("/api/v1/alerts?postId={p}", postId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.total").isEqualTo(5)
                .jsonPath("$.items[?(@.channel == 'EMAIL')].recipientStaffId").value(ids -> assertThat(
                        (List<String>) ids).containsExactlyInAnyOrder(school.runner1().id(), school.runner2().id()))
                .jsonPath("$.items[?(@.channel == 'TEAMS')].state").isEqualTo(List.of("SENT"))
                .jsonPath("$.items[?(@.channel == 'FEED')].state").isEqualTo(List.of("SENT"));

        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.text").isEqualTo("you are an idiot, headteacher")
                .jsonPath("$.verdict.categories[0].name").isEqualTo("ABUSE")
                .jsonPath("$.verdict.severity").isEqualTo("MEDIUM")
                .jsonPath("$.verdict.modelVersion").isEqualTo("keywords-1")
                .jsonPath("$.status").isEqualTo("OPEN");

        String incident = (String) as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "ESCALATE", "note", "third time this parent has posted abuse",
                        "audienceInformed", "Comment removed: abusive"))
                .exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("incidentNumber");
        assertThat(incident).startsWith("INC-");

        as(school.dsl()).get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.category").isEqualTo("ABUSE")
                .jsonPath("$.postIds[0]").isEqualTo(postId)
                .jsonPath("$.trail[0].actor").isEqualTo(school.runner1().username());
    }

    @Test
    void aThreatGoesToTheDslAtOnceAsWellAsTheModerators() {
        ActiveAccount school = activeAccount("X", "1002", null);

        arrive(school.schoolId(), school.accountId(), "I know where you live and I will hurt you");

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(school.dsl()).size() == 1);
        assertThat(subject(mailTo(school.dsl()).get(0))).startsWith("Safeguarding: HIGH threat");
    }

    @Test
    void aPublicMentionAlertsTheSchoolsModeratorsButNotTheRunners() {
        ActiveAccount school = activeAccount("X", "1003", null);

        String postId = arrive(school.schoolId(), null, "the head of that school is an idiot");

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(school.runner1()).size() == 1);
        awaitSent(school.runner1(), postId, 2); // the moderator's email and the feed
        assertThat(mailTo(school.runner2())).isEmpty();
    }

    @Test
    void aCleanPostIsStoredAsAVerdictButAlertsNobody() {
        ActiveAccount school = activeAccount("X", "1004", null);

        String postId = arrive(school.schoolId(), school.accountId(), "Lovely sports day, thank you!");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectBody()
                .jsonPath("$.flagged").isEqualTo(false)
                .jsonPath("$.status").doesNotExist();
        as(school.runner1()).get().uri("/api/v1/alerts?postId={p}", postId).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(0);
        as(school.runner1()).get().uri("/api/v1/posts?flagged=true&schoolId={s}", school.schoolId()).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void suspectedIllegalContentIsSealedLoggedAndAlertedWithoutAWordOfIt() {
        ActiveAccount school = activeAccount("X", "1005", null);
        String text = "illegalcontent zebraquartz https://evil.example/pic.jpg sunflower";

        String postId = arrive(school.schoolId(), school.accountId(), text);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(school.dsl()).size() == 1
                && mailTo(school.runner1()).size() == 1 && mailTo(school.runner2()).size() == 1);
        for (Person person : List.of(school.dsl(), school.runner1(), school.runner2())) {
            MimeMessage alert = mailTo(person).get(0);
            String all = subject(alert) + "\n" + body(alert);
            for (String word : text.split("[\\s/:.]+")) {
                if (word.length() > 2) {
                    assertThat(all.toLowerCase()).doesNotContain(word.toLowerCase());
                }
            }
            assertThat(all).doesNotContainPattern("(?i)https?://|www\\.").contains("INC-", "X",
                    "Internet Watch Foundation");
        }

        String incident = (String) as(school.dsl()).get().uri("/api/v1/posts/{id}", postId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("incidentNumber");
        as(school.dsl()).get().uri("/api/v1/posts/{id}", postId).exchange().expectBody()
                .jsonPath("$.sealed").isEqualTo(true)
                .jsonPath("$.text").doesNotExist()
                .jsonPath("$.url").doesNotExist()
                .jsonPath("$.authorHandle").doesNotExist()
                .jsonPath("$.verdict.explanation.length()").isEqualTo(0);
        as(school.dsl()).get().uri("/api/v1/incidents/{id}", incident).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.category").isEqualTo("SUSPECTED_ILLEGAL");
        assertThat(posts.post(postId).blockOptional()).isEmpty(); // the plain text is gone from the posts store
        as(school.dsl()).get().uri("/api/v1/audit?subjectId={p}", postId).exchange().expectStatus().isOk()
                .expectBody()
                // the DSL's reads of the sealed item are recorded too (R11, who looked), newest first
                .jsonPath("$.items[0].action").isEqualTo("data.viewed")
                .jsonPath("$.items[?(@.action == 'moderation.suspected-illegal-logged')].after")
                .value(after -> assertThat(after.toString()).contains(incident, "nobody")
                        .doesNotContain("sunflower", "evil.example"));
    }

    @Test
    void everyAlertOfABurstIsDeliveredExactlyOnceWhenTheMailServerComesBack() {
        ActiveAccount school = activeAccount("X", "1006", null);
        mail.stop();
        try {
            List<String> ids = java.util.stream.IntStream.range(0, 15)
                    .mapToObj(i -> arrive(school.schoolId(), school.accountId(), "idiot number " + i)).toList();
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(school.runner1()).get()
                    .uri("/api/v1/alerts?schoolId={s}&channel=EMAIL&size=200", school.schoolId()).exchange()
                    .expectBody().jsonPath("$.items[?(@.attempts >= 1 && @.state == 'PENDING')].id")
                    .value(pending -> assertThat((List<?>) pending).hasSize(30)));
            assertThat(ids).hasSize(15);
        } finally {
            restartMail();
        }
        clock.advance(Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailTo(school.runner1()).size() == 15
                && mailTo(school.runner2()).size() == 15);
        // a mail can be accepted a moment before its alert is marked sent; jumping the clock past the lease before
        // that would hand the alert to the sweep again (in real time a send ends long before its lease)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(school.runner1()).get()
                .uri("/api/v1/alerts?schoolId={s}&channel=EMAIL&state=SENT&size=200", school.schoolId()).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(30));
        clock.advance(Duration.ofMinutes(30));
        // nothing more is sent: the count holds for two seconds after the clock has moved past every lease
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> mailTo(school.runner1()).size() == 15 && mailTo(school.runner2()).size() == 15);

        assertThat(mailTo(school.runner1())).hasSize(15);
        assertThat(mailTo(school.runner2())).hasSize(15);
        Set<String> subjects = mailTo(school.runner1()).stream().map(ModerationFlowTests::body)
                .collect(Collectors.toSet());
        assertThat(subjects).hasSize(15);
        as(school.runner1()).get().uri("/api/v1/alerts?schoolId={s}&channel=EMAIL&state=SENT&size=200",
                school.schoolId()).exchange().expectBody().jsonPath("$.total").isEqualTo(30);
    }

    @Test
    void aWebhookAnswering500ThenHangingIsRetriedUntilItTakesTheAlert() {
        ActiveAccount school = activeAccount("X", "1007", null);
        webhooks(school.slt(), school.schoolId());
        String teams = "/teams/" + school.schoolId();
        hooks.stubFor(post(urlEqualTo(teams)).inScenario(teams).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("hanging"));
        hooks.stubFor(post(urlEqualTo(teams)).inScenario(teams).whenScenarioStateIs("hanging")
                .willReturn(aResponse().withStatus(200).withFixedDelay(5_000)).willSetStateTo("fine"));
        hooks.stubFor(post(urlEqualTo(teams)).inScenario(teams).whenScenarioStateIs("fine")
                .willReturn(aResponse().withStatus(200)));
        hooks.stubFor(post(urlEqualTo("/slack/" + school.schoolId())).willReturn(aResponse().withStatus(200)));

        String postId = arrive(school.schoolId(), school.accountId(), "what an idiot");

        // move time on while waiting, so each retry falls due: a 500, then no answer, then the message is taken
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            clock.advance(Duration.ofSeconds(15));
            assertThat(teamsAlert(school, postId).get("state")).isEqualTo("SENT");
        });
        int attempts = (Integer) teamsAlert(school, postId).get("attempts");
        assertThat(attempts).isGreaterThanOrEqualTo(3);
        hooks.verify(attempts, postRequestedFor(urlEqualTo(teams)));
        // every attempt carried the same key, so a receiver can drop the repeat of one it took (the hanging one)
        String alertId = (String) teamsAlert(school, postId).get("id");
        hooks.verify(attempts, postRequestedFor(urlEqualTo(teams))
                .withHeader("Idempotency-Key", equalTo(alertId))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath("$.alertId",
                        equalTo(alertId))));
        as(school.runner1()).get().uri("/api/v1/alerts?postId={p}&channel=SLACK", postId).exchange().expectBody()
                .jsonPath("$.items[0].state").isEqualTo("SENT");
    }

    @Test
    void aLowSeverityPostWaitsForTheDigest() {
        ActiveAccount school = activeAccount("X", "1008", null);

        String postId = arrive(school.schoolId(), school.accountId(), "damn this is late again");

        awaitSent(school.runner1(), postId, 1); // only the feed goes at once
        as(school.runner1()).get().uri("/api/v1/alerts?postId={p}&channel=EMAIL", postId).exchange().expectBody()
                .jsonPath("$.items[0].state").isEqualTo("HELD");
    }

    @Test
    void aDismissalBecomesFeedbackForTheClassifier() {
        ActiveAccount school = activeAccount("X", "1009", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot proof instructions, thanks!");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "DISMISS", "note", "a compliment, not abuse")).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DISMISSED")
                .jsonPath("$.actions[0].outcome").isEqualTo("RECORDED");

        assertThat(feedback.examples().collectList().block()).anySatisfy(example -> {
            assertThat(example.postId()).isEqualTo(postId);
            assertThat(example.text()).isEqualTo("idiot proof instructions, thanks!");
            assertThat(example.label()).isEqualTo("clean");
            assertThat(example.categories()).containsExactly("ABUSE");
        });
    }

    private Map<String, Object> teamsAlert(ActiveAccount school, String postId) {
        Map<?, ?> page = as(school.runner1()).get().uri("/api/v1/alerts?postId={p}&channel=TEAMS", postId)
                .exchange().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("items");
        return items.isEmpty() ? Map.of() : items.get(0);
    }

    private void awaitSent(Person reader, String postId, int count) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(reader).get()
                .uri("/api/v1/alerts?postId={p}&state=SENT", postId).exchange().expectBody()
                .jsonPath("$.total").isEqualTo(count));
    }

    private void stubHooks(String schoolId, int status) {
        hooks.stubFor(post(urlEqualTo("/teams/" + schoolId)).willReturn(aResponse().withStatus(status)));
        hooks.stubFor(post(urlEqualTo("/slack/" + schoolId)).willReturn(aResponse().withStatus(status)));
    }

    static List<MimeMessage> mailTo(Person person) {
        String address = person.username() + "@school.test";
        return Arrays.stream(mail.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(to -> to.toString().equalsIgnoreCase(address));
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).toList();
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String body(MimeMessage message) {
        return com.icegreen.greenmail.util.GreenMailUtil.getBody(message);
    }

}
