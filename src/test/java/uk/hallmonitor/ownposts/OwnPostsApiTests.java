package uk.hallmonitor.ownposts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.hallmonitor.AppTestSupport;

/** R10 through the REST API: roster import, draft checks, and findings in the school's own posts as they arrive. */
class OwnPostsApiTests extends AppTestSupport {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv");
    /** An Arbor-style export: its own header spellings, a consent column instead of a no-publish flag. */
    private static final String ARBOR = """
            Legal Forename,Preferred Forename,Legal Surname,Year Group,Reg Group,Photo Consent
            Amelia,Millie,Sutcliffe,Year 6,6B,Y
            Grace,,Adeyemi,Year 4,4R,N
            Patrick,,O'Neill,Year 5,5H,Yes
            """;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aRosterWithABadRowIsRefusedByLineAndChangesNothing() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-roster-1", null);
        replace(school.dsl(), school.schoolId(), ARBOR).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1).jsonPath("$.pupils").isEqualTo(3)
                .jsonPath("$.noPublish").isEqualTo(1)
                .jsonPath("$.columns.first_name").isEqualTo("Legal Forename")
                .jsonPath("$.columns.consent").isEqualTo("Photo Consent");

        String bad = """
                first_name,preferred_name,surname,year,no_publish
                Oliver,,Bennett,6,N
                ,,Whitworth,5,N
                Isla,,Pennington,4,maybe
                """;
        replace(school.slt(), school.schoolId(), bad).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("line 3")
                .jsonPath("$.errors[0].message").isEqualTo("first_name is empty")
                .jsonPath("$.errors[1].field").isEqualTo("line 4")
                .jsonPath("$.errors[1].message").value(m -> assertThat((String) m).contains("write Y or N"));

        as(school.dsl()).get().uri("/api/v1/schools/{id}/roster", school.schoolId()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.version").isEqualTo(1).jsonPath("$.names.length()").isEqualTo(3)
                .jsonPath("$.names[1].firstName").isEqualTo("Grace").jsonPath("$.names[1].noPublish").isEqualTo(true);
    }

    @Test
    void theRosterIsSealedAtRestAndItsNamesAreOnlyForSltDslAndAdmin() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-roster-2", null);
        replace(school.slt(), school.schoolId(), ARBOR).expectStatus().isOk();

        List<Document> stored = mongo.find(Query.query(Criteria.where("schoolId").is(school.schoolId())),
                Document.class, "roster_versions").collectList().block();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).toJson()).doesNotContain("Sutcliffe").doesNotContain("Adeyemi");
        byte[] ciphertext = stored.get(0).get("ciphertext", org.bson.types.Binary.class).getData();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("Sutcliffe");

        // a runner who is a moderator sees counts, never names; a runner may not import
        as(school.runner1()).get().uri("/api/v1/schools/{id}/roster", school.schoolId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.pupils").isEqualTo(3)
                .jsonPath("$.names").doesNotExist();
        replace(school.runner1(), school.schoolId(), ARBOR).expectStatus().isForbidden();
        Person outsider = newStaff(newSchool(), "SLT");
        as(outsider).get().uri("/api/v1/schools/{id}/roster", school.schoolId()).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aDraftCheckShowsNamesOnlyToThoseWhoMayReadTheRoster() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-roster-3", null);
        replace(school.dsl(), school.schoolId(), ARBOR).expectStatus().isOk();
        String draft = "Well done Millie Sutcliffe and Grace! Call 0161 496 0000 for tickets. Mrs O'Neill says hi.";

        check(as(school.dsl()), school.schoolId(), draft).expectStatus().isOk().expectBody()
                .jsonPath("$.findings.length()").isEqualTo(3)
                .jsonPath("$.findings[0].kind").isEqualTo("PUPIL_NAME")
                .jsonPath("$.findings[0].text").isEqualTo("Millie Sutcliffe")
                .jsonPath("$.findings[0].start").isEqualTo(10).jsonPath("$.findings[0].end").isEqualTo(26)
                .jsonPath("$.findings[1].kind").isEqualTo("NO_PUBLISH_PUPIL")
                .jsonPath("$.findings[1].text").isEqualTo("Grace")
                .jsonPath("$.findings[2].kind").isEqualTo("PERSONAL_DATA")
                .jsonPath("$.findings[2].text").isEqualTo("0161 496 0000");

        // runner2 runs the account but holds no role that may read the roster: kinds and places, no names
        check(as(school.runner2()), school.schoolId(), draft).expectStatus().isOk().expectBody()
                .jsonPath("$.findings.length()").isEqualTo(3)
                .jsonPath("$.findings[1].kind").isEqualTo("NO_PUBLISH_PUPIL")
                .jsonPath("$.findings[1].start").isEqualTo(31)
                .jsonPath("$.findings[1].text").doesNotExist()
                .jsonPath("$.findings[2].text").isEqualTo("0161 496 0000");

        check(as(school.applicant()), school.schoolId(), draft).expectStatus().isForbidden();
        check(as(school.dsl()), school.schoolId(), " ").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("text");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anOwnPostNamingANoPublishPupilAlertsAtOnceWithoutTheNameAndIsResolvedOnce() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-roster-4", null);
        replace(school.dsl(), school.schoolId(), ARBOR).expectStatus().isOk();
        String posts = """
                id,author,kind,text,url,postedAt
                own-1,school,OWN_POST,Congratulations Grace Adeyemi on your swimming medal!,https://fb.example/p/1,2026-11-16T09:00:00Z
                own-2,school,OWN_POST,Our Summer Fair raised £2000. Thank you all!,https://fb.example/p/2,2026-11-16T09:05:00Z
                """;
        as(school.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=own.csv", school.accountId())
                .contentType(CSV).bodyValue(posts.getBytes(StandardCharsets.UTF_8)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.stored").isEqualTo(2);

        Map<String, Object> page = await().atMost(Duration.ofSeconds(30)).until(() -> findings(school.dsl(),
                school.schoolId()), found -> ((List<?>) found.get("items")).size() == 1);
        Map<String, Object> finding = ((List<Map<String, Object>>) page.get("items")).get(0);
        assertThat(finding.get("severity")).isEqualTo("HIGH");
        assertThat(finding.get("url")).isEqualTo("https://fb.example/p/1");
        List<Map<String, Object>> found = (List<Map<String, Object>>) finding.get("findings");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.get("kind")).isEqualTo("NO_PUBLISH_PUPIL");
            assertThat(f.get("text")).isEqualTo("Grace Adeyemi");
        });

        // the runners, the moderators and the DSL are told at once; no alert carries the name
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String alerts = new String(as(school.dsl()).get()
                    .uri("/api/v1/alerts?schoolId={s}&size=200", school.schoolId()).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBodyContent(),
                    StandardCharsets.UTF_8);
            assertThat(alerts).contains("notice:own-post:").contains(school.dsl().id())
                    .contains(school.runner1().id()).contains(school.runner2().id())
                    .doesNotContain("Adeyemi");
        });

        // a runner sees the finding without the name
        String id = (String) finding.get("id");
        as(school.runner2()).get().uri("/api/v1/own-posts/findings/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.findings[0].kind").isEqualTo("NO_PUBLISH_PUPIL")
                .jsonPath("$.findings[0].text").doesNotExist();

        as(school.dsl()).get().uri("/ui/own-posts/findings/{id}", id).exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<mark class=\"finding no-publish\"><span>Grace Adeyemi</span>")
                        .contains("Deleted on the platform").contains("Consent confirmed").contains("Not a pupil"));
        as(school.runner2()).post().uri("/ui/own-posts/findings/{id}/resolve", id)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("resolution",
                        "DELETED_ON_PLATFORM"))
                .exchange().expectStatus().isSeeOther();
        as(school.runner2()).get().uri("/api/v1/own-posts/findings/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.resolution").isEqualTo("DELETED_ON_PLATFORM")
                .jsonPath("$.resolvedBy").isEqualTo(school.runner2().username());
        as(school.dsl()).post().uri("/api/v1/own-posts/findings/{id}/resolution", id)
                .bodyValue(Map.of("resolution", "NOT_A_PUPIL")).exchange().expectStatus().isEqualTo(409);
        as(school.dsl()).get().uri("/api/v1/own-posts/findings?schoolId={s}&open=true", school.schoolId())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void theCheckPageHighlightsWhatItFoundAndHidesNamesFromRunners() {
        ActiveAccount school = activeAccount("FACEBOOK", "fb-roster-5", null);
        replace(school.dsl(), school.schoolId(), ARBOR).expectStatus().isOk();
        as(school.runner2()).get().uri("/ui/own-posts/check").exchange().expectStatus().isOk()
                .expectBody(String.class)
                .value(page -> assertThat(page).contains("<label for=\"text\">Your draft post"));

        String dslPage = checkPage(school.dsl(), "Well done Grace & Millie Sutcliffe!");
        assertThat(dslPage).contains("<mark class=\"finding no-publish\"><span>Grace</span>")
                .contains("<mark class=\"finding pupil\"><span>Millie Sutcliffe</span>")
                .contains("2 things to check");

        String runnerPage = checkPage(school.runner2(), "Well done Grace & Millie Sutcliffe!");
        assertThat(runnerPage).contains("A pupil on the no-publish list (first name)")
                .contains("Shown only to SLT, the DSL and administrators");

        assertThat(checkPage(school.runner2(), "")).contains("error-summary").contains("paste the draft post to check");
        assertThat(checkPage(school.runner2(), "Lovely assembly about hope today")).contains("Nothing found");
    }

    private String checkPage(Person who, String text) {
        return as(who).post().uri("/ui/own-posts/check").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(org.springframework.web.reactive.function.BodyInserters.fromFormData("text", text))
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec replace(Person who, String schoolId, String csv) {
        return as(who).put().uri("/api/v1/schools/{id}/roster", schoolId).contentType(CSV).bodyValue(csv).exchange();
    }

    private static WebTestClient.ResponseSpec check(WebTestClient client, String schoolId, String text) {
        return client.post().uri("/api/v1/own-posts/check").bodyValue(Map.of("schoolId", schoolId, "text", text))
                .exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> findings(Person who, String schoolId) {
        return as(who).get().uri("/api/v1/own-posts/findings?schoolId={s}", schoolId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
