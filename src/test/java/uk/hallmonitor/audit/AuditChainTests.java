package uk.hallmonitor.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;
import uk.hallmonitor.AppTestSupport;

/** The audit trail records every step, and the chain check finds tampering. */
class AuditChainTests extends AppTestSupport {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    AuditTrail trail;

    @Test
    void everyStepOfAnApplicationIsRecordedWithWhoAndBeforeAndAfter() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);
        as(slt).post().uri("/api/v1/applications/{id}/reject", id).bodyValue(Map.of("reason", "no")).exchange()
                .expectStatus().isOk();

        as(slt).get().uri("/api/v1/audit?subjectId={id}", id).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items[*].action").isEqualTo(List.of("application.rejected", "application.submitted",
                        "application.drafted"))
                .jsonPath("$.items[0].actor").isEqualTo(slt.username())
                .jsonPath("$.items[0].before").value(b -> assertThat((String) b).contains("SUBMITTED"))
                .jsonPath("$.items[0].after").value(a -> assertThat((String) a).contains("REJECTED"));
        Person staff = newStaff(school, "STAFF");
        as(staff).get().uri("/api/v1/audit").exchange().expectStatus().isForbidden();
    }

    @Test
    void concurrentAppendsFormOneUnbrokenChainAndATamperedEntryIsFound() {
        Flux.range(0, 200).flatMap(i -> trail.record(new AuditEvent("test", "test.burst", null, "test", "t" + i,
                null, Map.of("i", i))), 32).blockLast();
        admin().get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(true);

        Document victim = mongo.getCollection("audit_entries")
                .flatMap(c -> reactor.core.publisher.Mono.from(c.find(new Document("subjectId", "t100")).first()))
                .block();
        long seq = victim.get("seq", Number.class).longValue();
        mongo.getCollection("audit_entries").flatMap(c -> reactor.core.publisher.Mono.from(c.updateOne(
                new Document("_id", victim.get("_id")), new Document("$set", new Document("actor", "someone else")))))
                .block();
        try {
            admin().get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.valid").isEqualTo(false)
                    .jsonPath("$.firstBrokenSeq").isEqualTo((int) seq)
                    .jsonPath("$.reason").value(r -> assertThat((String) r).contains("changed"));
        } finally {
            // put it back, so the other tests sharing the store see a sound chain
            mongo.getCollection("audit_entries").flatMap(c -> reactor.core.publisher.Mono.from(c.updateOne(
                    new Document("_id", victim.get("_id")), new Document("$set", new Document("actor", "test")))))
                    .block();
        }
        admin().get().uri("/api/v1/audit/verify").exchange().expectBody().jsonPath("$.valid").isEqualTo(true);
    }

    @Test
    void aLoneSurrogateInRecordedTextDoesNotBreakTheChain() {
        // text that reaches the trail from inside the service (not through the API, which refuses it)
        trail.record(new AuditEvent("test\ud800", "test.surrogate", null, "test", "lone\udc00",
                null, Map.of("handle", "@x\ud800"))).block();
        admin().get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(true).jsonPath("$.breaks.length()").isEqualTo(0);
    }

    @Test
    void theWeeklyReportCarriesTheChainsAnchor() {
        trail.record(new AuditEvent("test", "test.anchor", null, "test", "anchor-1", null, null)).block();
        admin().get().uri("/api/v1/audit/verify").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.valid").isEqualTo(true);
        String school = newSchool();
        admin().get().uri("/api/v1/reports/weekly?schoolId={s}", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.auditChain.seq").isNumber().jsonPath("$.auditChain.mac").isNotEmpty();
    }
}
