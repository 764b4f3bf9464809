package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.test.StepVerifier;
import uk.hallmonitor.alerts.FeedEvent;
import uk.hallmonitor.system.Platform;

/** The moderation queue's endpoints: actions, races, bad input, roles and school isolation. */
class ModerationQueueTests extends ModerationAppTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    uk.hallmonitor.classification.ModerationFeedback feedback;

    @Test
    void twoModeratorsActingAtOnceOneWinsAndTheOtherIsTold() throws Exception {
        ActiveAccount school = activeAccount("X", "2001", null);
        Person second = newStaff(school.schoolId(), "MODERATOR");
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> act(school.runner1(), postId,
                Map.of("action", "DELETE", "note", "abusive")));
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> act(second, postId,
                Map.of("action", "DISMISS", "note", "harmless")));

        assertThat(List.of(first.get(), other.get())).containsExactlyInAnyOrder(200, 409);
        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectBody()
                .jsonPath("$.actions.length()").isEqualTo(1)
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void actingAgainOnAnActionedPostNeedsTheVersionSeen() {
        ActiveAccount school = activeAccount("X", "2002", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        act(school.runner1(), postId, Map.of("action", "HIDE", "note", "abusive"));

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "ESCALATE", "note", "again")).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("already ACTIONED"));
        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "ESCALATE", "note", "again", "version", 1)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("ESCALATED");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            unknown action,   SHOUT,  ok,   action
            no action,        '',     ok,   action
            no note,          HIDE,   '',   note
            """)
    void badActionsAreRefusedNamingTheFieldAndChangeNothing(String name, String action, String note, String field) {
        ActiveAccount school = activeAccount("X", "2003", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", action, "note", note)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        assertUntouched(school.runner1(), postId);
    }

    @Test
    void aNoteOverTwoThousandCharactersIsRefused() {
        ActiveAccount school = activeAccount("X", "2004", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "HIDE", "note", "x".repeat(2_001))).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("2,000"));
        assertUntouched(school.runner1(), postId);
    }

    @Test
    void whatTheAudienceWasToldOverTwoThousandCharactersIsRefused() {
        ActiveAccount school = activeAccount("X", "2008", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "HIDE", "note", "abusive", "audienceInformed", "x".repeat(2_001)))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("audienceInformed");
        assertUntouched(school.runner1(), postId);
    }

    @Test
    void hidingWhereNoConnectorCanIsRecordedAsDoneByHandAndAPostAlreadyGoneIsSaidSo() {
        // Bluesky offers no way to hide a reply: the connector there cannot act, so it is done by hand
        ActiveAccount school = activeAccount("BLUESKY", "did:plc:2005", "https://pds.example");
        String hidden = arrive(school.schoolId(), school.accountId(), "idiot one", Platform.BLUESKY);
        String gone = arrive(school.schoolId(), school.accountId(), "idiot two", Platform.BLUESKY);
        awaitVerdict(school.runner1(), hidden);
        awaitVerdict(school.runner1(), gone);

        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", hidden)
                .bodyValue(Map.of("action", "HIDE", "note", "abusive", "audienceInformed", "We hid an abusive reply"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.actions[0].outcome").isEqualTo("BY_HAND")
                .jsonPath("$.actions[0].audienceInformed").isEqualTo("We hid an abusive reply")
                .jsonPath("$.actions[0].actor").isEqualTo(school.runner1().username());
        as(school.runner1()).post().uri("/api/v1/posts/{id}/actions", gone)
                .bodyValue(Map.of("action", "DELETE", "note", "abusive", "postGone", true))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.actions[0].outcome").isEqualTo("POST_GONE");
    }

    @Test
    void otherSchoolsSeeNothingAndStaffWithoutAModerationRoleAreRefused() {
        ActiveAccount school = activeAccount("X", "2006", null);
        ActiveAccount other = activeAccount("X", "2007", null);
        Person staff = newStaff(school.schoolId(), "STAFF");
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);

        as(other.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isNotFound();
        as(other.runner1()).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "DISMISS", "note", "x")).exchange().expectStatus().isNotFound();
        as(other.dsl()).get().uri("/api/v1/alerts?schoolId={s}", school.schoolId()).exchange()
                .expectStatus().isNotFound();
        as(other.runner1()).get().uri("/api/v1/posts?schoolId={s}", school.schoolId()).exchange()
                .expectStatus().isNotFound();
        as(other.runner1()).get().uri("/api/v1/posts").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[?(@.id == '" + postId + "')]").isEmpty();
        as(staff).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isForbidden();
        as(staff).get().uri("/api/v1/alerts").exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/posts").exchange().expectStatus().isUnauthorized();
        assertUntouched(school.runner1(), postId);
    }

    @Test
    void theQueueFiltersByFlaggedAccountCategoryAndStatus() {
        ActiveAccount school = activeAccount("X", "2008", null);
        String abuse = arrive(school.schoolId(), school.accountId(), "idiot");
        String threat = arrive(school.schoolId(), school.accountId(), "I will hurt you");
        String clean = arrive(school.schoolId(), school.accountId(), "thanks for the concert");
        List.of(abuse, threat, clean).forEach(id -> awaitVerdict(school.runner1(), id));

        as(school.dsl()).get().uri("/api/v1/posts?flagged=true&accountId={a}", school.accountId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
        as(school.dsl()).get().uri("/api/v1/posts?category=THREAT").exchange()
                .expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].id").isEqualTo(threat);
        as(school.dsl()).get().uri("/api/v1/posts?status=OPEN").exchange()
                .expectBody().jsonPath("$.total").isEqualTo(2);
        as(school.dsl()).get().uri("/api/v1/posts?flagged=false").exchange()
                .expectBody().jsonPath("$.items[0].id").isEqualTo(clean);
        as(school.dsl()).get().uri("/api/v1/posts?category=RUDENESS").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("category");
    }

    @Test
    void replyTemplatesCoverThePolicysCases() {
        ActiveAccount school = activeAccount("X", "2009", null);

        as(school.runner1()).get().uri("/api/v1/moderation/templates").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].id").value(ids -> assertThat((List<String>) ids).contains(
                        "parent-remove-and-discuss", "complaints-procedure", "pupil-behaviour-policy"));
    }

    @Test
    void theLiveFeedCarriesNewAlertsOfTheCallersSchool() {
        ActiveAccount school = activeAccount("X", "2010", null);

        var feed = as(school.runner1()).get().uri("/api/v1/moderation/feed").accept(MediaType.TEXT_EVENT_STREAM)
                .exchange().expectStatus().isOk().returnResult(FeedEvent.class).getResponseBody()
                .filter(event -> event != null && event.alertId() != null);
        String postId = arrive(school.schoolId(), school.accountId(), "what an idiot");

        StepVerifier.create(feed.take(1)).assertNext(event -> {
            assertThat(event.schoolId()).isEqualTo(school.schoolId());
            assertThat(event.source()).isEqualTo("post:" + postId);
            assertThat(event.body()).doesNotContain("what an idiot");
        }).expectComplete().verify(Duration.ofSeconds(15));
    }

    @Test
    void schoolSettingsAreCheckedAndOnlyLeadershipChangesThem() {
        ActiveAccount school = activeAccount("X", "2011", null);

        as(school.slt()).put().uri("/api/v1/moderation/settings/{s}", school.schoolId())
                .bodyValue(Map.of("emailFrom", "SOMETIMES", "teamsWebhookUrl", "not a url")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        as(school.runner1()).put().uri("/api/v1/moderation/settings/{s}", school.schoolId())
                .bodyValue(Map.of("alertRunners", false)).exchange().expectStatus().isForbidden();
        as(school.slt()).put().uri("/api/v1/moderation/settings/{s}", school.schoolId())
                .bodyValue(Map.of("alertRunners", false, "slackWebhookUrl", "https://hooks.slack.test/T1/B2/c3"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.alertRunners").isEqualTo(false)
                .jsonPath("$.slackWebhookSet").isEqualTo(true)
                .jsonPath("$.slackWebhookUrl").doesNotExist();
    }

    @Test
    void aRunnerWhoIsNotAModeratorSeesAndActsOnTheirAccountsPostButNotOnAnotherAccounts() {
        ActiveAccount school = activeAccount("X", "2021", null);
        Person runner = school.runner2();
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        Person colleague = newCurrentStaff(school.schoolId(), "STAFF");

        as(runner).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(postId);
        String page = as(runner).get().uri("/ui/moderation/posts/{id}", postId).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("idiot").contains("Not a problem");
        as(colleague).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isForbidden();
        as(colleague).post().uri("/api/v1/posts/{id}/actions", postId)
                .bodyValue(Map.of("action", "DISMISS", "note", "x")).exchange().expectStatus().isForbidden();
        assertUntouched(school.runner1(), postId);

        assertThat(act(runner, postId, Map.of("action", "DISMISS", "note", "a parent joking"))).isEqualTo(200);
        as(school.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("DISMISSED")
                .jsonPath("$.actions[0].actor").isEqualTo(runner.username());
    }

    @Test
    void theReplyBoxRefusesAColleagueWhoMayNotActAndAModeratorOfAnotherSchoolAndRecordsNothing() {
        ActiveAccount school = activeAccount("X", "2024", null);
        ActiveAccount elsewhere = activeAccount("X", "2025", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        Person colleague = newCurrentStaff(school.schoolId(), "STAFF");

        as(colleague).post().uri("/ui/moderation/posts/{id}/reply", postId)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("replyText", "Thank you, we are looking into it")).exchange()
                .expectStatus().isForbidden();
        as(elsewhere.runner1()).post().uri("/ui/moderation/posts/{id}/reply", postId)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("replyText", "Thank you, we are looking into it")).exchange()
                .expectStatus().isNotFound();

        assertUntouched(school.runner1(), postId);
    }

    @Test
    void aBrowserRefusedOnAPageGetsTheErrorPageInTheLayoutWhileTheApiKeepsItsProblem() {
        ActiveAccount school = activeAccount("X", "2022", null);
        String postId = arrive(school.schoolId(), school.accountId(), "idiot");
        awaitVerdict(school.runner1(), postId);
        Person colleague = newCurrentStaff(school.schoolId(), "STAFF");

        String refused = as(colleague).get().uri("/ui/moderation/posts/{id}", postId).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("<h1>You don&#39;t have access to this page</h1>")
                .contains("ask your school's Hallmonitor admin").contains("Person " + colleague.username())
                .contains("href=\"/\"").doesNotContain("\"status\"");
        String missing = as(colleague).get().uri("/ui/no-such-page").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(missing).contains("<h1>Page not found</h1>").contains("Skip to main content");
        String alerts = as(school.dsl()).get().uri("/ui/safeguarding-alerts").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(alerts).contains("<h1>Safeguarding alerts</h1>")
                .contains("No safeguarding alert is waiting for acknowledgement.")
                .contains("href=\"/ui/safeguarding-alerts\"");
        as(colleague).get().uri("/ui/moderation/posts/{id}", "no-such-post").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML);

        as(colleague).get().uri("/api/v1/posts/{id}", postId).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        as(colleague).get().uri("/ui/moderation/posts/{id}", postId).exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aModeratorReportsAPostTheClassifierMissedAndItIsKeptOnceAsALabelledExample() throws Exception {
        ActiveAccount school = activeAccount("X", "2023", null);
        String missed = arrive(school.schoolId(), school.accountId(), "see you all behind the bike sheds 2023");
        awaitVerdict(school.runner1(), missed);

        String page = as(school.runner1()).get().uri("/ui/moderation/missed").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<h1>Report a missed post</h1>").contains("behind the bike sheds 2023")
                .contains("post=" + missed);

        String refused = as(school.runner1()).post().uri("/ui/moderation/missed")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .bodyValue("post=" + missed).exchange().expectStatus().isBadRequest()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("There is a problem").contains("What it is: choose what the post is")
                .contains("behind the bike sheds 2023");
        assertThat(feedbackLines()).noneMatch(line -> line.contains("bike sheds 2023"));

        for (int time = 0; time < 2; time++) {
            as(school.runner1()).post().uri("/ui/moderation/missed")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("post=" + missed + "&category=THREAT").exchange().expectStatus().isSeeOther()
                    .expectHeader().location("/ui/moderation/missed");
        }
        assertThat(feedbackLines()).filteredOn(line -> line.contains("bike sheds 2023"))
                .containsExactly("1\tTHREAT\t-\tsee you all behind the bike sheds 2023");

        Person colleague = newCurrentStaff(school.schoolId(), "STAFF");
        as(colleague).post().uri("/ui/moderation/missed").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("text=another+one&category=ABUSE").exchange().expectStatus().isForbidden();
        assertThat(feedbackLines()).noneMatch(line -> line.contains("another one"));
    }

    private List<String> feedbackLines() throws java.io.IOException {
        java.nio.file.Path file = feedback.file();
        return java.nio.file.Files.exists(file) ? java.nio.file.Files.readAllLines(file) : List.of();
    }

    private int act(Person person, String postId, Map<String, Object> body) {
        return as(person).post().uri("/api/v1/posts/{id}/actions", postId).bodyValue(body).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private void assertUntouched(Person reader, String postId) {
        as(reader).get().uri("/api/v1/posts/{id}", postId).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.version").isEqualTo(0)
                .jsonPath("$.actions.length()").isEqualTo(0);
    }
}
