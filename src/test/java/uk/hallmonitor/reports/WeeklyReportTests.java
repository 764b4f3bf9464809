package uk.hallmonitor.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEvents;

/** The weekly leadership report (R9): its figures, who may read it, its readable forms and its weekly delivery. */
class WeeklyReportTests extends AppTestSupport {

    // START is Monday 2026-11-16 10:00Z, the first day of 2026-W47
    private static final Instant MONDAY = START;

    @Autowired
    DomainEvents events;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    WeeklyReportDelivery delivery;

    @Test
    void aQuietWeekIsReportedAsHavingNoIncidents() {
        String school = newSchool("Quiet Primary");
        Person slt = newStaff(school, "SLT");
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));

        as(slt).get().uri("/api/v1/reports/weekly").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.week").isEqualTo("2026-W47")
                .jsonPath("$.schoolName").isEqualTo("Quiet Primary")
                .jsonPath("$.weekComplete").isEqualTo(true)
                .jsonPath("$.incidents.opened").isEqualTo(0)
                .jsonPath("$.incidents.openAtEnd").isEqualTo(0)
                .jsonPath("$.responses.school.total").isEqualTo(0)
                .jsonPath("$.summary").value(summary -> assertThat((String) summary)
                        .startsWith("No incidents were logged in week 2026-W47.")
                        .contains("No comments, queries or complaints needed a reply."));
    }

    @Test
    void incidentsAndResponseTimesOfTheWeekAreCountedPerCategoryAndPerAccount() {
        ActiveAccount account = activeAccount("X", "rep-" + UUID.randomUUID(), null);
        String school = account.schoolId();
        Person dsl = newStaff(school, "DSL");
        Person governor = newStaff(school, "GOVERNOR");
        // carried over from the week before, closed during this one
        clock.set(MONDAY.minus(Duration.ofDays(3)));
        String old = openIncident(dsl, school, "BULLYING", "MEDIUM");
        clock.set(MONDAY.plus(Duration.ofHours(1)));
        String threat = openIncident(dsl, school, "THREAT", "HIGH");
        openIncident(dsl, school, "BULLYING", "LOW");
        as(dsl).post().uri("/api/v1/incidents/{id}/transitions", old)
                .bodyValue(Map.of("to", "CLOSED", "outcome", "parents met, post removed")).exchange()
                .expectStatus().isOk();
        // two comments: one answered in two hours, one never answered
        String answered = clockFor(account, MONDAY.plus(Duration.ofHours(2)));
        clockFor(account, MONDAY.plus(Duration.ofHours(3)));
        clock.set(MONDAY.plus(Duration.ofHours(4)));
        as(account.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", answered)
                .bodyValue(Map.of("note", "replied by phone")).exchange().expectStatus().isOk();

        clock.set(Instant.parse("2026-11-23T09:00:00Z"));
        as(governor).get().uri("/api/v1/reports/weekly?week=2026-W47").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.incidents.opened").isEqualTo(2)
                .jsonPath("$.incidents.closed").isEqualTo(1)
                .jsonPath("$.incidents.openAtEnd").isEqualTo(2)
                .jsonPath("$.incidents.openedByCategory.BULLYING").isEqualTo(1)
                .jsonPath("$.incidents.openedByCategory.THREAT").isEqualTo(1)
                .jsonPath("$.incidents.openedBySeverity.HIGH").isEqualTo(1)
                .jsonPath("$.incidents.items.length()").isEqualTo(3)
                .jsonPath("$.incidents.items[0].id").isEqualTo(old)
                .jsonPath("$.incidents.items[0].closedAt").isNotEmpty()
                .jsonPath("$.incidents.items[1].id").isEqualTo(threat)
                .jsonPath("$.responses.school.total").isEqualTo(2)
                .jsonPath("$.responses.school.metOnTime").isEqualTo(1)
                .jsonPath("$.responses.school.breached").isEqualTo(1)
                .jsonPath("$.responses.accounts[0].accountId").isEqualTo(account.accountId())
                .jsonPath("$.responses.accounts[0].figures.total").isEqualTo(2)
                .jsonPath("$.accounts.byStatus.ACTIVE").isEqualTo(1)
                .jsonPath("$.summary").value(summary -> assertThat((String) summary)
                        .startsWith("2 incidents were logged in week 2026-W47 (1 BULLYING, 1 THREAT).")
                        .contains("1 of 2 items due were answered on time (50%); 1 had no reply by the due time."));
        // the week before holds only the carried-over incident
        as(governor).get().uri("/api/v1/reports/weekly?week=2026-W46").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.incidents.opened").isEqualTo(1)
                .jsonPath("$.incidents.openAtEnd").isEqualTo(1)
                .jsonPath("$.responses.school.total").isEqualTo(0);
    }

    @Test
    void onlyLeadershipOfTheSchoolReadsItAndOtherSchoolsDoNotExist() {
        String school = newSchool();
        Person other = newStaff(newSchool(), "SLT");
        for (String role : List.of("SLT", "HEADTEACHER", "GOVERNOR")) {
            as(newStaff(school, role)).get().uri("/api/v1/reports/weekly?week=2026-W47").exchange()
                    .expectStatus().isOk();
        }
        for (String role : List.of("MODERATOR", "DSL", "STAFF")) {
            as(newStaff(school, role)).get().uri("/api/v1/reports/weekly?week=2026-W47").exchange()
                    .expectStatus().isForbidden();
        }
        as(other).get().uri("/api/v1/reports/weekly?schoolId={s}&week=2026-W47", school).exchange()
                .expectStatus().isNotFound();
        admin().get().uri("/api/v1/reports/weekly?schoolId={s}&week=2026-W47", school).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.schoolId").isEqualTo(school);
        admin().get().uri("/api/v1/reports/weekly?week=2026-W47").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("schoolId");
        web.get().uri("/api/v1/reports/weekly").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aWeekThatIsNotAnIsoWeekOrHasNotStartedIsRefused() {
        Person slt = newStaff(newSchool(), "SLT");
        for (String bad : List.of("2026-47", "2026-W54", "W47", "2026-W4x", "last")) {
            as(slt).get().uri("/api/v1/reports/weekly?week={w}", bad).exchange()
                    .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("week");
        }
        as(slt).get().uri("/api/v1/reports/weekly?week=2026-W48").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("week")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("has not started"));
        // the week under way may be read, marked as not over
        as(slt).get().uri("/api/v1/reports/weekly?week=2026-W47").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.weekComplete").isEqualTo(false);
    }

    @Test
    void theReadableFormsAreAPageAndAPdfWithTheSameFigures() throws IOException {
        String school = newSchool("Readable High <School>");
        Person head = newStaff(school, "HEADTEACHER");
        Person dsl = newStaff(school, "DSL");
        clock.set(MONDAY.plus(Duration.ofHours(1)));
        String incident = openIncident(dsl, school, "HATE", "HIGH");
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));

        String page = as(head).get().uri("/api/v1/reports/weekly?week=2026-W47").accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("1 incident was logged in week 2026-W47 (1 HATE).", incident,
                "Readable High &lt;School&gt;").doesNotContain("<School>");
        assertThat(as(head).get().uri("/api/v1/reports/weekly.html?week=2026-W47").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains(incident);

        for (var request : List.of(
                as(head).get().uri("/api/v1/reports/weekly?week=2026-W47").accept(MediaType.APPLICATION_PDF),
                as(head).get().uri("/api/v1/reports/weekly.pdf?week=2026-W47"))) {
            byte[] pdf = request.exchange().expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_PDF)
                    .expectBody(byte[].class).returnResult().getResponseBody();
            try (PDDocument document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains("1 incident was logged in week 2026-W47 (1 HATE).", incident,
                        "Readable High <School>");
            }
        }
    }

    @Test
    void lastWeeksReportReachesLeadershipOnceFromMondayMorningAlsoWhenThereIsNothingToReport() {
        String school = newSchool("Delivered Academy");
        Person slt = newStaff(school, "SLT");
        Person head = newStaff(school, "HEADTEACHER");
        Person governor = newStaff(school, "GOVERNOR");
        newStaff(school, "MODERATOR");
        String week47 = "notice:weekly-report:" + school + ":2026-W47";

        // Monday 23 November, 06:30 in London: not yet
        clock.set(Instant.parse("2026-11-23T06:30:00Z"));
        delivery.deliverDue().block();
        assertThat(alerts(week47)).isEmpty();
        // 07:05: delivered to SLT, the head and the governor; checking again, or later in the week, adds nothing
        clock.set(Instant.parse("2026-11-23T07:05:00Z"));
        delivery.deliverDue().block();
        delivery.deliverDue().block();
        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        delivery.deliverDue().block();

        List<Document> sent = alerts(week47);
        // people by their own channels; the in-app feed entry has no person
        assertThat(sent.stream().map(a -> a.getString("recipientStaffId")).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet())).isEqualTo(Set.of(slt.id(), head.id(), governor.id()));
        assertThat(sent.stream().map(a -> a.getString("recipientStaffId") + a.getString("channel")).distinct())
                .hasSize(sent.size());
        // an email that could not be sent (no mail server here) falls through to the person's in-app feed, naming
        // the report it carried
        assertThat(sent).allSatisfy(alert -> assertThat(alert.getString("body")).satisfiesAnyOf(
                body -> assertThat(body).contains("No incidents were logged in week 2026-W47."),
                body -> assertThat(body).contains("could not be delivered").contains("Weekly report 2026-W47")));
    }

    @Test
    void flaggedPostsOfTheWeekAreCountedByMainCategoryWithSafeguardingAndSealedOnesAndNoContent() {
        String school = newSchool("Flagged Primary");
        Person slt = newStaff(school, "SLT");
        Instant wednesday = MONDAY.plus(Duration.ofDays(2));
        verdict(school, wednesday, "ABUSE", 0.9, "PROFANITY", 0.6, "HIGH", false, false, "OPEN");
        verdict(school, wednesday, "SELF_HARM", 0.8, "ABUSE", 0.3, "CRITICAL", true, false, "ACTIONED");
        verdict(school, wednesday, "SEXUAL", 0.95, null, 0, "CRITICAL", true, true, "OPEN");
        // the week before and another school do not count
        verdict(school, MONDAY.minus(Duration.ofDays(1)), "ABUSE", 0.9, null, 0, "LOW", false, false, "OPEN");
        verdict(newSchool(), wednesday, "ABUSE", 0.9, null, 0, "LOW", false, false, "OPEN");
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));

        as(slt).get().uri("/api/v1/reports/weekly?week=2026-W47").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.flagged.flagged").isEqualTo(3)
                .jsonPath("$.flagged.safeguarding").isEqualTo(2)
                .jsonPath("$.flagged.suspectedIllegal").isEqualTo(1)
                .jsonPath("$.flagged.stillOpen").isEqualTo(2)
                .jsonPath("$.flagged.byCategory.ABUSE").isEqualTo(1)
                .jsonPath("$.flagged.byCategory.SELF_HARM").isEqualTo(1)
                .jsonPath("$.flagged.byCategory.SEXUAL").isEqualTo(1)
                .jsonPath("$.flagged.byCategory.PROFANITY").isEqualTo(0)
                .jsonPath("$.flagged.bySeverity.CRITICAL").isEqualTo(2)
                .jsonPath("$.trend.length()").isEqualTo(8)
                .jsonPath("$.trend[7].week").isEqualTo("2026-W47")
                .jsonPath("$.trend[0].week").isEqualTo("2026-W40");
        String page = as(slt).get().uri("/ui/reports/weekly?week=2026-W47").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("3 posts were flagged: 2 went to the designated safeguarding lead")
                .contains("<svg").contains("Flagged posts by main category").contains("Self-harm: 1");
    }

    @Test
    void theReportPageOffersThisWeekSoFarAndThePdfOfTheWeekShown() {
        String school = newSchool("Picker Primary");
        Person head = newStaff(school, "HEADTEACHER");
        clock.set(Instant.parse("2026-11-25T12:00:00Z"));

        String page = as(head).get().uri("/ui/reports/weekly").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("value=\"2026-W48\">Week 48, 23 Nov to 29 Nov 2026 (this week, so far)")
                .containsPattern("value=\"2026-W47\"\\s+selected")
                .contains("/api/v1/reports/weekly.pdf?week=2026-W47")
                .contains("Replies on time, last eight weeks");
        assertThat(as(head).get().uri("/ui/reports/weekly?week=2026-W48").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody())
                .contains("This week is not over yet").contains("/api/v1/reports/weekly.pdf?week=2026-W48");
    }

    @Test
    void thePdfIsTaggedWithRealTablesTheLanguageTheTitleAndAnEmbeddedFont() throws IOException {
        String school = newSchool("Tagged Primary");
        Person head = newStaff(school, "HEADTEACHER");
        Person dsl = newStaff(school, "DSL");
        clock.set(MONDAY.plus(Duration.ofHours(1)));
        openIncident(dsl, school, "HATE", "HIGH");
        clock.set(Instant.parse("2026-11-23T09:00:00Z"));

        byte[] pdf = as(head).get().uri("/api/v1/reports/weekly.pdf?week=2026-W47").exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var catalog = document.getDocumentCatalog();
            assertThat(catalog.getLanguage()).isEqualTo("en-GB");
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Weekly report 2026-W47 · Tagged Primary");
            assertThat(new String(catalog.getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("<pdfuaid:part>1</pdfuaid:part>");
            List<String> types = new java.util.ArrayList<>();
            structure(catalog.getStructureTreeRoot().getKids(), types);
            assertThat(types).contains("Document", "H1", "H2", "P", "Table", "TR", "TH", "TD");
            assertThat(types.stream().filter("TH"::equals).count()).isGreaterThan(10);
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    assertThat(page.getResources().getFont(name).isEmbedded()).isTrue();
                }
            }
            assertThat(new PDFTextStripper().getText(document)).contains("Hate")
                    .contains("Replies on time over eight weeks");
        }
    }

    private static void structure(List<Object> kids, List<String> types) {
        for (Object kid : kids) {
            if (kid instanceof org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement element) {
                types.add(element.getStructureType());
                structure(element.getKids(), types);
            }
        }
    }

    private void verdict(String school, Instant collectedAt, String category, double score, String second,
                         double secondScore, String severity, boolean safeguarding, boolean illegal, String status) {
        List<Document> categories = new java.util.ArrayList<>();
        categories.add(new Document("name", category).append("score", score));
        if (second != null) {
            categories.add(new Document("name", second).append("score", secondScore));
        }
        mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("schoolId", school)
                .append("flagged", true).append("collectedAt", java.util.Date.from(collectedAt))
                .append("categories", categories).append("severity", severity).append("safeguarding", safeguarding)
                .append("suspectedIllegal", illegal).append("status", status)
                .append("routedAt", java.util.Date.from(collectedAt)), "verdicts").block();
    }

    private List<Document> alerts(String sourceKey) {
        return mongo.find(Query.query(Criteria.where("sourceKey").is(sourceKey)), Document.class, "alerts")
                .collectList().block();
    }

    private String openIncident(Person dsl, String school, String category, String severity) {
        return as(dsl).post().uri("/api/v1/incidents")
                .bodyValue(Map.of("schoolId", school, "category", category, "severity", severity)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id")
                .toString();
    }

    private String clockFor(ActiveAccount account, Instant at) {
        String postId = UUID.randomUUID().toString();
        events.publish(StoredPosts.announcement(postId, account.schoolId(), account.accountId(), Platform.X,
                PostKind.COMMENT, "p-" + postId, "c-" + postId, null, at, at.plusSeconds(30))).block();
        // the SLA queues the clock's start: wait for it
        return await().atMost(java.time.Duration.ofSeconds(10)).until(() -> mongo.findOne(
                Query.query(Criteria.where("postId").is(postId)), Document.class, "sla_clocks")
                .map(d -> d.get("_id").toString()).block(), java.util.Objects::nonNull);
    }
}
