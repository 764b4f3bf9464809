package uk.hallmonitor.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/** The business-case workflow of R1 through the API and the real driver. */
class ApplicationWorkflowTests extends AppTestSupport {

    @Test
    void approvalOpensAnAccountInProvisioningWithTheWholeHistory() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);

        as(slt).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of("note", "good plan"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("APPROVED")
                .jsonPath("$.history.length()").isEqualTo(3)
                .jsonPath("$.history[2].action").isEqualTo("approved")
                .jsonPath("$.history[2].by").isEqualTo(slt.id())
                .jsonPath("$.history[2].note").isEqualTo("good plan");

        as(slt).get().uri("/api/v1/accounts").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].status").isEqualTo("PROVISIONING")
                .jsonPath("$.items[0].applicationId").isEqualTo(id)
                .jsonPath("$.items[0].runnerIds.length()").isEqualTo(2);
    }

    @Test
    void everyAnswerNamesTheRunnersBesideTheirIdsInTheSameOrder() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, runner, applicant);

        as(slt).get().uri("/api/v1/applications/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.runnerIds[0]").isEqualTo(runner.id())
                .jsonPath("$.runners.length()").isEqualTo(2)
                .jsonPath("$.runners[0].id").isEqualTo(runner.id())
                .jsonPath("$.runners[0].name").isEqualTo("Person " + runner.username())
                .jsonPath("$.runners[1].name").isEqualTo("Person " + applicant.username());
        as(slt).get().uri("/api/v1/applications?schoolId={s}", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].runners[1].id").isEqualTo(applicant.id())
                .jsonPath("$.items[0].runners[1].name").isEqualTo("Person " + applicant.username())
                .jsonPath("$.items[0].runnerIds.length()").isEqualTo(2);
    }

    @Test
    void approvalIsRefusedWhileARunnerLacksTrainingOrAcknowledgement() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person untrained = newStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, untrained);

        as(slt).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of())
                .exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.reasons.length()").isEqualTo(2)
                .jsonPath("$.reasons[0]").value(r -> assertThat((String) r).contains(untrained.id())
                        .contains("no current policy acknowledgement"))
                .jsonPath("$.reasons[1]").value(r -> assertThat((String) r).contains("no current training"));

        as(slt).get().uri("/api/v1/applications/{id}", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("SUBMITTED");
        as(slt).get().uri("/api/v1/accounts").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void trainingThatHasExpiredDoesNotCount() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person lapsed = newStaff(school, "STAFF");
        admin().post().uri("/api/v1/staff/{id}/acknowledgements", lapsed.id())
                .bodyValue(Map.of("policyVersion", "2026", "signedOn", "2026-09-01")).exchange().expectStatus()
                .isCreated();
        admin().post().uri("/api/v1/staff/{id}/training", lapsed.id())
                .bodyValue(Map.of("course", "Safety", "completedOn", "2025-09-01", "expiresOn", "2026-09-01"))
                .exchange().expectStatus().isCreated();
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, lapsed);

        as(slt).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of())
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.reasons.length()").isEqualTo(1)
                .jsonPath("$.reasons[0]").value(r -> assertThat((String) r).contains("no current training"));
    }

    @Test
    void nobodyApprovesTheirOwnApplication() {
        String school = newSchool();
        Person sltApplicant = newCurrentStaff(school, "SLT", "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        String id = submittedApplication(sltApplicant, sltApplicant, runner);

        as(sltApplicant).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("their own"));
    }

    @Test
    void onlySltMayDecide() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person moderator = newStaff(school, "MODERATOR");
        String id = submittedApplication(applicant, applicant, runner);

        as(moderator).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of())
                .exchange().expectStatus().isForbidden();
        as(moderator).post().uri("/api/v1/applications/{id}/reject", id).bodyValue(Map.of("reason", "no"))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void rejectionNeedsAReasonAndCanBeAmendedAndResubmitted() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person other = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);

        as(slt).post().uri("/api/v1/applications/{id}/reject", id).bodyValue(Map.of())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        as(slt).post().uri("/api/v1/applications/{id}/reject", id).bodyValue(Map.of("reason", "say how it is promoted"))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("REJECTED");

        Map<String, Object> amended = Map.of("schoolId", school, "platform", "BLUESKY", "handle", "school.bsky.social",
                "aim", "News", "audience", "Parents", "promotion", "Newsletter and website",
                "runnerIds", List.of(runner.id(), other.id()), "visibility", "CLOSED");
        as(applicant).put().uri("/api/v1/applications/{id}", id).bodyValue(amended).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.platform").isEqualTo("BLUESKY");
        as(applicant).post().uri("/api/v1/applications/{id}/submit", id).exchange().expectStatus().isOk();
        as(slt).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.history[*].action")
                .isEqualTo(List.of("drafted", "submitted", "rejected", "amended", "submitted", "approved"));
    }

    @Test
    void stepsOutOfOrderAreConflicts() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);

        as(applicant).post().uri("/api/v1/applications/{id}/submit", id).exchange().expectStatus().isEqualTo(409);
        as(applicant).post().uri("/api/v1/applications/{id}/withdraw", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WITHDRAWN");
        as(slt).post().uri("/api/v1/applications/{id}/approve", id).bodyValue(Map.of())
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("WITHDRAWN"));
        as(applicant).post().uri("/api/v1/applications/{id}/withdraw", id).exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void onlyTheApplicantSubmitsWithdrawsOrAmends() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Map<String, Object> body = Map.of("schoolId", school, "platform", "X", "handle", "@school", "aim", "News",
                "audience", "Parents", "promotion", "Newsletter", "runnerIds", List.of(applicant.id(), runner.id()),
                "visibility", "OPEN");
        String id = (String) as(applicant).post().uri("/api/v1/applications").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");

        as(runner).post().uri("/api/v1/applications/{id}/submit", id).exchange().expectStatus().isForbidden();
        as(runner).post().uri("/api/v1/applications/{id}/withdraw", id).exchange().expectStatus().isForbidden();
        as(runner).put().uri("/api/v1/applications/{id}", id).bodyValue(body).exchange().expectStatus().isForbidden();
    }
}
