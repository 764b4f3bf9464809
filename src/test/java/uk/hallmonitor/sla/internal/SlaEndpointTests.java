package uk.hallmonitor.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.system.Platform;

/** The SLA endpoints: who may do what, other-school isolation, and bad input refused with nothing changed. */
class SlaEndpointTests extends AppTestSupport {

    private static final Instant MONDAY = START;

    /** What {@link ClockStarter} queues for each announcement, run here directly so the clock exists. */
    @Autowired
    ResponseClocks clocks;

    @Autowired
    ClockSweep sweep;

    @Autowired
    ReactiveMongoTemplate mongo;

    // ---- due times

    @Test
    void theDueTimeOfAnyInstantFollowsTheSchoolsCalendar() {
        String school = newSchool();
        Person staff = newStaff(school, "STAFF");

        as(staff).get().uri("/api/v1/sla/due?at=2026-11-21T09:00:00Z&schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.dueAt").isEqualTo("2026-11-23T17:00:00Z")
                .jsonPath("$.receivedOnWorkingDay").isEqualTo(false);
        as(staff).get().uri("/api/v1/sla/due?at=2026-11-17T10:00:00Z").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.dueAt").isEqualTo("2026-11-18T10:00:00Z");
    }

    @Test
    void aClocksPageOutOfRangeIsRefusedInTheWordsOfEveryOtherList() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");

        as(slt).get().uri("/api/v1/sla/clocks?schoolId={s}&size=201", school).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").isEqualTo("must be between 1 and 200");
        as(slt).get().uri("/api/v1/sla/clocks?schoolId={s}&page=-1", school).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("page")
                .jsonPath("$.errors[0].message").isEqualTo("must be 0 or more");
    }

    @Test
    void aBadInstantIsRefusedAndAnotherSchoolDoesNotExist() {
        String school = newSchool();
        String otherSchool = newSchool();
        Person staff = newStaff(school, "STAFF");

        as(staff).get().uri("/api/v1/sla/due?at=yesterday&schoolId={s}", school).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("at");
        as(staff).get().uri("/api/v1/sla/due?at=2026-11-21T09:00:00Z&schoolId={s}", otherSchool).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/v1/sla/due?at=2026-11-21T09:00:00Z&schoolId={s}", school).exchange()
                .expectStatus().isUnauthorized();
    }

    // ---- school calendars

    @Test
    void aCloseOfDayOutsideTheDayIsRefusedAndNothingChanges() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");

        for (String bad : List.of("24:00", "17:60", "5pm", "-01:00")) {
            as(slt).put().uri("/api/v1/sla/schools/{s}/calendar", school)
                    .bodyValue(Map.of("closeOfDay", bad, "windowReading", "KIND")).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("closeOfDay");
        }

        as(slt).get().uri("/api/v1/sla/schools/{s}/calendar", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.closeOfDay").isEqualTo("17:00:00")
                .jsonPath("$.windowReading").isEqualTo("STRICT")
                .jsonPath("$.version").isEqualTo(0);
    }

    @Test
    void overlappingClosuresAreRefusedAndNothingChanges() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        as(slt).post().uri("/api/v1/sla/schools/{s}/closures", school)
                .bodyValue(Map.of("from", "2026-12-21", "to", "2027-01-01", "reason", "Christmas holiday"))
                .exchange().expectStatus().isCreated();

        as(slt).put().uri("/api/v1/sla/schools/{s}/calendar", school)
                .bodyValue(Map.of("closures", List.of(
                        Map.of("from", "2026-10-26", "to", "2026-10-30", "reason", "Half term"),
                        Map.of("from", "2026-10-30", "to", "2026-11-02", "reason", "INSET"))))
                .exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("closures[1].from");
        as(slt).post().uri("/api/v1/sla/schools/{s}/closures", school)
                .bodyValue(Map.of("from", "2026-12-31", "to", "2027-01-04", "reason", "INSET")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        as(slt).post().uri("/api/v1/sla/schools/{s}/closures", school)
                .bodyValue(Map.of("from", "2027-02-30", "to", "2027-01-04", "reason", "INSET")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");

        as(slt).get().uri("/api/v1/sla/schools/{s}/calendar", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.closures.length()").isEqualTo(1)
                .jsonPath("$.closures[0].reason").isEqualTo("Christmas holiday")
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void aClosureWeekAndTheKindReadingMoveTheDueTime() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");

        as(slt).post().uri("/api/v1/sla/schools/{s}/closures", school)
                .bodyValue(Map.of("from", "2026-11-23", "to", "2026-11-27", "reason", "Closed for works"))
                .exchange().expectStatus().isCreated();
        dueOf(slt, school, "2026-11-21T09:00:00Z", "2026-11-30T17:00:00Z");
        dueOf(slt, school, "2026-11-20T19:00:00Z", "2026-11-21T19:00:00Z");

        as(slt).put().uri("/api/v1/sla/schools/{s}/calendar", school)
                .bodyValue(Map.of("windowReading", "KIND", "closeOfDay", "16:00")).exchange().expectStatus().isOk();
        dueOf(slt, school, "2026-11-20T19:00:00Z", "2026-11-30T16:00:00Z");

        String closureId = as(slt).get().uri("/api/v1/sla/schools/{s}/calendar", school).exchange()
                .expectBody(Map.class).returnResult().getResponseBody().get("closures").toString()
                .replaceAll(".*id=([^,]+),.*", "$1");
        as(slt).delete().uri("/api/v1/sla/schools/{s}/closures/{c}", school, closureId).exchange()
                .expectStatus().isNoContent();
        dueOf(slt, school, "2026-11-21T09:00:00Z", "2026-11-23T16:00:00Z");
    }

    @Test
    void onlySltOfTheSchoolOrAnAdministratorChangeItsCalendar() {
        String school = newSchool();
        Person staff = newStaff(school, "STAFF", "MODERATOR");
        Person otherSlt = newStaff(newSchool(), "SLT");
        Map<String, String> closure = Map.of("from", "2026-11-23", "to", "2026-11-23", "reason", "INSET");

        as(staff).post().uri("/api/v1/sla/schools/{s}/closures", school).bodyValue(closure).exchange()
                .expectStatus().isForbidden();
        as(otherSlt).post().uri("/api/v1/sla/schools/{s}/closures", school).bodyValue(closure).exchange()
                .expectStatus().isNotFound();
        as(otherSlt).get().uri("/api/v1/sla/schools/{s}/calendar", school).exchange().expectStatus().isNotFound();
        admin().post().uri("/api/v1/sla/schools/{s}/closures", school).bodyValue(closure).exchange()
                .expectStatus().isCreated();
    }

    // ---- bank holidays

    @Test
    void bankHolidayUploadsAreForAdministratorsAndBadOnesChangeNothing() {
        Person slt = newStaff(newSchool(), "SLT");
        Map<String, Object> good = Map.of("division", "northern-ireland",
                "events", List.of(Map.of("title", "Test holiday", "date", "2099-06-01")));

        as(slt).put().uri("/api/v1/sla/bank-holidays/northern-ireland").bodyValue(good).exchange()
                .expectStatus().isForbidden();
        admin().put().uri("/api/v1/sla/bank-holidays/wales").bodyValue(good).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("region");
        admin().put().uri("/api/v1/sla/bank-holidays/northern-ireland")
                .bodyValue(Map.of("events", List.of(Map.of("title", "Bad", "date", "2099-02-30"),
                        Map.of("title", "Sunday", "date", "2099-06-07"))))
                .exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("events[0].date")
                .jsonPath("$.errors[1].field").isEqualTo("events[1].date");
        as(slt).get().uri("/api/v1/sla/bank-holidays/northern-ireland").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.count").isEqualTo(113);

        admin().put().uri("/api/v1/sla/bank-holidays/northern-ireland").bodyValue(good).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.count").isEqualTo(114);
        as(slt).get().uri("/api/v1/sla/bank-holidays/northern-ireland").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.holidays[113].date").isEqualTo("2099-06-01");
    }

    // ---- clocks

    @Test
    void runnersAcknowledgeOnceAndAMetClockCannotBeAcknowledgedAgain() {
        ActiveAccount account = activeAccount("X", "2001", null);
        String clockId = clockFor(account, MONDAY);
        Person otherModerator = newStaff(newSchool(), "MODERATOR");
        Person bystander = newStaff(account.schoolId(), "STAFF");

        otherModerator(otherModerator, clockId);
        as(bystander).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "answered")).exchange().expectStatus().isForbidden();
        as(account.runner2()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", " ")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("note");

        as(account.runner2()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "Phoned the parent")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("MET")
                .jsonPath("$.metLate").isEqualTo(false)
                .jsonPath("$.metBy").isEqualTo(account.runner2().id());
        as(account.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "Emailed them")).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json");

        ResponseClock stored = mongo.findById(clockId, ResponseClock.class).block();
        assertThat(stored.note()).isEqualTo("Phoned the parent");
        assertThat(stored.metBy()).isEqualTo(account.runner2().id());
    }

    @Test
    void anAcknowledgementAfterTheDueTimeMeetsTheBreachedClockLate() {
        ActiveAccount account = activeAccount("X", "2002", null);
        String clockId = clockFor(account, MONDAY);
        clock.set(MONDAY.plus(Duration.ofHours(30)));
        sweep.run().block();

        as(account.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "Replied by email")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("MET").jsonPath("$.metLate").isEqualTo(true)
                .jsonPath("$.breachedAt").isEqualTo("2026-11-17T16:00:00Z");
    }

    @Test
    void clocksAreListedByTimeLeftToModeratorsAndSltOfTheirSchoolOnly() {
        ActiveAccount account = activeAccount("X", "2003", null);
        String later = clockFor(account, MONDAY.plus(Duration.ofHours(2)));
        String sooner = clockFor(account, MONDAY);
        Person otherSlt = newStaff(newSchool(), "SLT");
        Person staff = newStaff(account.schoolId(), "STAFF");

        as(account.runner1()).get().uri("/api/v1/sla/clocks?state=OPEN").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo(sooner)
                .jsonPath("$.items[1].id").isEqualTo(later)
                .jsonPath("$.items[0].secondsLeft").isEqualTo(24 * 3600);
        as(otherSlt).get().uri("/api/v1/sla/clocks").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
        as(otherSlt).get().uri("/api/v1/sla/clocks?schoolId={s}", account.schoolId()).exchange()
                .expectStatus().isNotFound();
        as(otherSlt).get().uri("/api/v1/sla/clocks/{id}", sooner).exchange().expectStatus().isNotFound();
        as(staff).get().uri("/api/v1/sla/clocks").exchange().expectStatus().isForbidden();
        as(account.slt()).get().uri("/api/v1/sla/clocks?state=LATE").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("state");
        admin().get().uri("/api/v1/sla/clocks?schoolId={s}&size=1", account.schoolId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items.length()").isEqualTo(1);
    }

    @Test
    void complianceCountsOnTimeLateAndBreachedWithTheMedianFirstResponse() {
        ActiveAccount account = activeAccount("X", "2004", null);
        String onTime = clockFor(account, MONDAY);
        String late = clockFor(account, MONDAY.plusSeconds(60));
        clockFor(account, MONDAY.plusSeconds(120));
        // first responses: 2h, and 30h less a minute; the median is halfway between
        Person governor = newStaff(account.schoolId(), "GOVERNOR");
        Person staff = newStaff(account.schoolId(), "STAFF");
        Person otherSlt = newStaff(newSchool(), "SLT");

        clock.set(MONDAY.plus(Duration.ofHours(2)));
        as(account.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", onTime)
                .bodyValue(Map.of("note", "done")).exchange().expectStatus().isOk();
        clock.set(MONDAY.plus(Duration.ofHours(30)));
        sweep.run().block();
        as(account.runner1()).post().uri("/api/v1/sla/clocks/{id}/acknowledge", late)
                .bodyValue(Map.of("note", "done late")).exchange().expectStatus().isOk();

        as(governor).get().uri("/api/v1/sla/compliance?schoolId={s}&week=2026-W47", account.schoolId()).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.school.total").isEqualTo(3)
                .jsonPath("$.school.metOnTime").isEqualTo(1)
                .jsonPath("$.school.metLate").isEqualTo(1)
                .jsonPath("$.school.breached").isEqualTo(1)
                .jsonPath("$.school.compliance").value(v -> assertThat(((Number) v).doubleValue())
                        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9)))
                .jsonPath("$.school.medianFirstResponse").isEqualTo("PT15H59M30S")
                .jsonPath("$.accounts['" + account.accountId() + "'].total").isEqualTo(3);
        as(governor).get().uri("/api/v1/sla/compliance?schoolId={s}&week=2026-W46", account.schoolId()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.school.total").isEqualTo(0);
        as(governor).get().uri("/api/v1/sla/compliance?week=2026-47").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("week");
        as(staff).get().uri("/api/v1/sla/compliance?week=2026-W47").exchange().expectStatus().isForbidden();
        as(otherSlt).get().uri("/api/v1/sla/compliance?schoolId={s}&week=2026-W47", account.schoolId()).exchange()
                .expectStatus().isNotFound();
    }

    // ---- helpers

    private void otherModerator(Person moderator, String clockId) {
        as(moderator).post().uri("/api/v1/sla/clocks/{id}/acknowledge", clockId)
                .bodyValue(Map.of("note", "answered")).exchange().expectStatus().isNotFound();
    }

    private void dueOf(Person caller, String school, String at, String expected) {
        as(caller).get().uri("/api/v1/sla/due?at={at}&schoolId={s}", at, school).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.dueAt").isEqualTo(expected);
    }

    private String clockFor(ActiveAccount account, Instant at) {
        String postId = UUID.randomUUID().toString();
        clocks.take(StoredPosts.announcement(postId, account.schoolId(), account.accountId(), Platform.X,
                PostKind.COMMENT, "p-" + postId, "c-" + postId, null, at, at.plusSeconds(30)).post()).block();
        return mongo.findOne(Query.query(Criteria.where("postId").is(postId)), ResponseClock.class).block().id();
    }
}
