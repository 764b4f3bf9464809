package uk.hallmonitor.privacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.internal.AuditEntry;
import uk.hallmonitor.audit.internal.ChainCheck;
import uk.hallmonitor.audit.internal.HashChainedAuditTrail;
import uk.hallmonitor.privacy.PrivacyProperties;

/**
 * The retention purge removes exactly what is due and nothing held, and a run cut short is finished by the next one
 * without removing or counting anything twice. The store is filled directly (posts of every age, verdicts, clocks,
 * alerts, incidents) so that the ages are exact.
 */
class RetentionPurgeTests extends AppTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    RetentionPurge purge;

    @Autowired
    HashChainedAuditTrail audit;

    @Autowired
    PrivacyProperties properties;

    /** One school's data: which ids must go and which must stay. */
    record Fixture(String schoolId, Map<String, List<String>> due, Map<String, List<String>> kept, long dueItems,
                   String auditedPost) {
    }

    @Test
    void aPurgeRemovesExactlyWhatIsDueWithItsRecordsAndNothingHeld() {
        Fixture school = fill(newSchool(), "UNTIL_CHILD_IS_25");

        PurgeRun run = purge.run().block(WAIT);

        assertThat(run).isNotNull();
        assertThat(run.state()).isEqualTo(PurgeRun.DONE);
        assertGone(school.due());
        assertStillThere(school.kept());
        assertThat(run.bySchool().get(school.schoolId())).isEqualTo(school.dueItems());
        assertRedactedAndChainWhole(school.auditedPost());
    }

    @Test
    void aRunCutShortIsFinishedByTheNextWithoutRemovingOrCountingAnythingTwice() {
        Fixture school = fill(newSchool(), "UNTIL_CHILD_IS_25");
        PrivacyProperties small = new PrivacyProperties(null, 2, Duration.ofMinutes(15), null, null, false);
        AtomicInteger removals = new AtomicInteger();
        // the first instance dies after a few removals, in the middle of a batch whose plan is saved
        RetentionPurge dying = new RetentionPurge(mongo, clock, audit, small, (collection, ids) -> {
            if (removals.incrementAndGet() > 5) {
                throw new IllegalStateException("killed mid-run");
            }
            return mongo.remove(Query.query(Criteria.where("_id").in(ids)), collection)
                    .map(r -> r.getDeletedCount());
        });
        assertThatThrownBy(() -> dying.run().block(WAIT)).hasMessageContaining("killed mid-run");
        PurgeRun stopped = mongo.findOne(Query.query(Criteria.where("state").is(PurgeRun.RUNNING)), PurgeRun.class)
                .block(WAIT);
        assertThat(stopped).isNotNull();
        assertThat(stopped.batch()).as("the interrupted batch's plan is saved").isNotEmpty();

        RetentionPurge second = new RetentionPurge(mongo, clock, audit, small);
        assertThat(second.run().blockOptional(WAIT)).as("the lease of the dead instance still holds").isEmpty();
        clock.advance(Duration.ofMinutes(16));
        PurgeRun finished = second.run().block(WAIT);

        assertThat(finished.id()).isEqualTo(stopped.id());
        assertThat(finished.state()).isEqualTo(PurgeRun.DONE);
        assertThat(finished.resumed()).isEqualTo(1);
        assertGone(school.due());
        assertStillThere(school.kept());
        assertThat(finished.bySchool().get(school.schoolId())).as("each post and incident counted once")
                .isEqualTo(school.dueItems());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdministratorRunsThePurgeAndLeadershipSeeTheirOwnSchoolsCount() {
        Fixture school = fill(newSchool(), "UNTIL_CHILD_IS_25");
        Person slt = newStaff(school.schoolId(), "SLT");
        Person moderator = newStaff(school.schoolId(), "MODERATOR");
        as(slt).post().uri("/api/v1/privacy/purges").exchange().expectStatus().isForbidden();

        String runId = (String) admin().post().uri("/api/v1/privacy/purges").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("id");

        Map<String, Object> seenByAdmin = run(admin(), runId);
        assertThat(seenByAdmin.get("state")).isEqualTo("DONE");
        assertThat((Map<String, Object>) seenByAdmin.get("bySchool")).containsEntry(school.schoolId(),
                (int) school.dueItems());
        assertThat((Map<String, Object>) seenByAdmin.get("removed")).containsKey("posts");
        Map<String, Object> seenBySlt = run(as(slt), runId);
        assertThat((Map<String, Object>) seenBySlt.get("bySchool")).containsOnlyKeys(school.schoolId());
        assertThat((Map<String, Object>) seenBySlt.get("removed")).isEmpty();
        as(moderator).get().uri("/api/v1/privacy/purges").exchange().expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(org.springframework.test.web.reactive.server.WebTestClient client,
                                           String runId) {
        Map<String, Object> page = client.get().uri("/api/v1/privacy/purges?size=200").exchange().expectStatus()
                .isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((List<Map<String, Object>>) page.get("items")).stream().filter(r -> runId.equals(r.get("id")))
                .findFirst().orElseThrow(() -> new AssertionError("run " + runId + " not listed"));
    }

    @Test
    void retentionSettingsAreValidatedAndKeptPerSchool() {
        String schoolId = newSchool();
        Person slt = newStaff(schoolId, "SLT");
        Person moderator = newStaff(schoolId, "MODERATOR");
        as(slt).get().uri("/api/v1/schools/{id}/retention", schoolId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.unflaggedPostDays").isEqualTo(90).jsonPath("$.flaggedPostDays").isEqualTo(365)
                .jsonPath("$.incidentYears").isEqualTo(6).jsonPath("$.safeguarding").isEqualTo("LIKE_OTHER_INCIDENTS");
        as(slt).put().uri("/api/v1/schools/{id}/retention", schoolId)
                .bodyValue(Map.of("unflaggedPostDays", 0, "flaggedPostDays", 30, "safeguarding", "FOREVER"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("unflaggedPostDays")
                .jsonPath("$.errors[1].field").isEqualTo("safeguarding");
        as(slt).put().uri("/api/v1/schools/{id}/retention", schoolId)
                .bodyValue(Map.of("unflaggedPostDays", 60, "flaggedPostDays", 30))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("flaggedPostDays");
        as(moderator).put().uri("/api/v1/schools/{id}/retention", schoolId).bodyValue(Map.of("incidentYears", 7))
                .exchange().expectStatus().isForbidden();
        as(slt).get().uri("/api/v1/schools/{id}/retention", schoolId).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.unflaggedPostDays").isEqualTo(90);
        as(slt).put().uri("/api/v1/schools/{id}/retention", schoolId)
                .bodyValue(Map.of("unflaggedPostDays", 30, "incidentYears", 7, "safeguarding", "until_child_is_25"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.unflaggedPostDays").isEqualTo(30).jsonPath("$.incidentYears").isEqualTo(7)
                .jsonPath("$.safeguarding").isEqualTo("UNTIL_CHILD_IS_25");
        as(newStaff(newSchool(), "SLT")).get().uri("/api/v1/schools/{id}/retention", schoolId).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aLegalHoldNeedsAReasonAndIsSetByTheDslSltOrAdmin() {
        String schoolId = newSchool();
        Person dsl = newStaff(schoolId, "DSL");
        Person moderator = newStaff(schoolId, "MODERATOR");
        String incident = "INC-" + UUID.randomUUID();
        insert("incidents", new Document("_id", incident).append("schoolId", schoolId).append("sourceKey", incident)
                .append("status", "OPEN")
                .append("category", "BULLYING").append("createdAt", java.util.Date.from(START)));
        as(dsl).put().uri("/api/v1/privacy/incidents/{id}", incident).bodyValue(Map.of("legalHold", true))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("reason");
        as(dsl).put().uri("/api/v1/privacy/incidents/{id}", incident)
                .bodyValue(Map.of("legalHold", false, "keepUntil", "next year"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("keepUntil");
        as(moderator).put().uri("/api/v1/privacy/incidents/{id}", incident)
                .bodyValue(Map.of("legalHold", true, "reason", "police")).exchange().expectStatus().isForbidden();
        as(dsl).put().uri("/api/v1/privacy/incidents/{id}", incident)
                .bodyValue(Map.of("legalHold", true, "reason", "the police asked us to keep it"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.legalHold").isEqualTo(true);
        as(dsl).get().uri("/api/v1/privacy/incidents/{id}", incident).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.reason").isEqualTo("the police asked us to keep it");
    }

    // ---- the fixture

    private Fixture fill(String schoolId, String safeguardingRule) {
        admin().put().uri("/api/v1/schools/{id}/retention", schoolId)
                .bodyValue(Map.of("safeguarding", safeguardingRule))
                .exchange().expectStatus().isOk();
        Map<String, List<String>> due = new java.util.HashMap<>();
        Map<String, List<String>> kept = new java.util.HashMap<>();
        long[] items = new long[1];
        String tag = UUID.randomUUID().toString().substring(0, 8) + "-";

        // unflagged, 100 days old: due (90), with its verdict and clock
        String oldPlain = post(schoolId, tag + "old-plain", 100, false, null);
        mark(due, "posts", oldPlain, "verdicts", oldPlain, "sla_clocks", clock(schoolId, oldPlain));
        items[0]++;
        // unflagged, 30 days old: kept
        String recent = post(schoolId, tag + "recent", 30, false, null);
        mark(kept, "posts", recent, "verdicts", recent);
        // flagged, 200 days old: kept (365), with its alert
        String flagged = post(schoolId, tag + "flagged", 200, true, null);
        mark(kept, "posts", flagged, "verdicts", flagged, "alerts", alert(schoolId, "post:" + flagged));
        // flagged, 400 days old: due, with alert, read, safeguarding alert and feedback
        String oldFlagged = post(schoolId, tag + "old-flagged", 400, true, null);
        String oldAlert = alert(schoolId, "post:" + oldFlagged);
        mark(due, "posts", oldFlagged, "verdicts", oldFlagged, "alerts", oldAlert, "alert_reads", read(oldAlert),
                "safeguarding_alerts", doc("safeguarding_alerts", oldFlagged, schoolId),
                "classifier_feedback", insert("classifier_feedback", new Document("_id", oldFlagged)
                        .append("text", "old words").append("label", "clean")));
        items[0]++;
        audit.record(new AuditEvent("moderator", "moderation.action.dismiss", schoolId, "post", oldFlagged,
                null, Map.of("note", "the words of post " + oldFlagged))).block(WAIT);

        // a closed incident 7 years old under legal hold: kept, with its 400-day-old post
        String held = incident(schoolId, tag + "held", "CLOSED", "BULLYING", 7 * 366);
        String heldPost = post(schoolId, tag + "held-post", 400, false, held);
        insert(IncidentRetentions.COLLECTION, new Document("_id", held).append("schoolId", schoolId)
                .append("legalHold", true).append("reason", "police"));
        mark(kept, "incidents", held, "posts", heldPost, "verdicts", heldPost);
        // a closed incident 7 years old: due with its post and that post's verdict
        String old = incident(schoolId, tag + "old", "CLOSED", "BULLYING", 7 * 366);
        String oldIncidentPost = post(schoolId, tag + "old-incident-post", 7 * 366, true, old);
        mark(due, "incidents", old, "posts", oldIncidentPost, "verdicts", oldIncidentPost,
                "alerts", alert(schoolId, "incident:" + old));
        items[0] += 2;
        // an incident still open: kept however old
        String open = incident(schoolId, tag + "open", "OPEN", "BULLYING", 7 * 366);
        mark(kept, "incidents", open);
        // safeguarding, kept until the child is 25: no date set yet, so kept; another past its date, so due
        String safeguarding = incident(schoolId, tag + "sg", "CLOSED", "SELF_HARM", 7 * 366);
        mark(kept, "incidents", safeguarding);
        String pastDate = incident(schoolId, tag + "sg-past", "CLOSED", "DISCLOSURE", 400);
        insert(IncidentRetentions.COLLECTION, new Document("_id", pastDate).append("schoolId", schoolId)
                .append("legalHold", false).append("keepUntil", "2026-01-31"));
        mark(due, "incidents", pastDate, IncidentRetentions.COLLECTION, pastDate);
        items[0]++;
        return new Fixture(schoolId, due, kept, items[0], oldFlagged);
    }

    private String post(String schoolId, String id, int daysOld, boolean flagged, String incident) {
        Instant collected = START.minus(daysOld, ChronoUnit.DAYS);
        insert("posts", new Document("_id", id).append("schoolId", schoolId).append("platform", "X")
                .append("platformPostId", id).append("text", "text of " + id)
                .append("authorHandle", "someone").append("collectedAt", java.util.Date.from(collected)));
        insert("verdicts", new Document("_id", id).append("schoolId", schoolId).append("flagged", flagged)
                .append("incidentNumber", incident));
        if (incident != null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(incident)),
                    new org.springframework.data.mongodb.core.query.Update().push("postIds", id), "incidents")
                    .block(WAIT);
        }
        return id;
    }

    private String incident(String schoolId, String id, String status, String category, int daysOld) {
        return insert("incidents",
                new Document("_id", id).append("schoolId", schoolId).append("sourceKey", "manual:" + id)
                        .append("status", status)
                        .append("category", category).append("postIds", new ArrayList<>())
                        .append("createdAt", java.util.Date.from(START.minus(daysOld, ChronoUnit.DAYS))));
    }

    private String clock(String schoolId, String postId) {
        return insert("sla_clocks", new Document("_id", UUID.randomUUID().toString()).append("postId", postId)
                .append("schoolId", schoolId).append("note", "replied by phone"));
    }

    private String alert(String schoolId, String sourceKey) {
        String id = UUID.randomUUID().toString();
        return insert("alerts", new Document("_id", id).append("schoolId", schoolId).append("dedupKey", id)
                .append("sourceKey", sourceKey).append("body", "an excerpt"));
    }

    private String read(String alertId) {
        return insert("alert_reads", new Document("_id", alertId + "|someone").append("alertId", alertId));
    }

    private String doc(String collection, String id, String schoolId) {
        return insert(collection, new Document("_id", id).append("schoolId", schoolId));
    }

    private String insert(String collection, Document document) {
        mongo.insert(document, collection).block(WAIT);
        return document.getString("_id");
    }

    private static void mark(Map<String, List<String>> into, String... collectionAndId) {
        for (int i = 0; i < collectionAndId.length; i += 2) {
            into.computeIfAbsent(collectionAndId[i], c -> new ArrayList<>()).add(collectionAndId[i + 1]);
        }
    }

    private void assertGone(Map<String, List<String>> due) {
        due.forEach((collection, ids) -> assertThat(mongo.count(Query.query(Criteria.where("_id").in(ids)),
                collection).block(WAIT)).as("left in " + collection + " of " + ids).isZero());
    }

    private void assertStillThere(Map<String, List<String>> kept) {
        kept.forEach((collection, ids) -> assertThat(mongo.count(Query.query(Criteria.where("_id").in(ids)),
                collection).block(WAIT)).as("kept in " + collection).isEqualTo(ids.size()));
    }

    private void assertRedactedAndChainWhole(String postId) {
        AuditEntry entry = mongo.findOne(Query.query(Criteria.where("subjectType").is("post").and("subjectId")
                .is(postId)), AuditEntry.class).block(WAIT);
        assertThat(entry).isNotNull();
        assertThat(entry.after()).as("the purged post's words are gone from the audit entry").isNull();
        assertThat(entry.redactedAt()).isNotNull();
        assertThat(entry.action()).isEqualTo("moderation.action.dismiss");
        ChainCheck check = audit.verify().block(WAIT);
        assertThat(check.breaks()).as("the redacted entry still verifies")
                .noneMatch(b -> b.seq() == entry.seq());
        assertThat(Set.of(check.entries())).isNotEmpty();
    }
}
