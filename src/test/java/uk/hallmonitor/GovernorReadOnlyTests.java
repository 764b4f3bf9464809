package uk.hallmonitor;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14, finding 5: GOVERNOR is read-only; every write is refused with a 403 problem and changes nothing. */
class GovernorReadOnlyTests extends AppTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void aGovernorCannotDraftOrSubmitAnApplicationButStillReads() {
        String school = newSchool();
        Person governor = newCurrentStaff(school, "GOVERNOR");
        Person runner1 = newCurrentStaff(school, "STAFF");
        Person runner2 = newCurrentStaff(school, "STAFF");
        Map<String, Object> body = Map.of("schoolId", school, "platform", "X", "handle", "@school",
                "aim", "News for parents", "audience", "Parents and carers", "promotion", "Newsletter",
                "runnerIds", List.of(runner1.id(), runner2.id()), "visibility", "OPEN");

        as(governor).post().uri("/api/v1/applications").bodyValue(body).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions
                        .assertThat((String) detail).contains("read-only"));
        admin().get().uri("/api/v1/applications?schoolId={s}", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);

        String drafted = submittedApplicationDraft(runner1, body);
        as(governor).post().uri("/api/v1/applications/{id}/submit", drafted).exchange().expectStatus().isForbidden();
        as(governor).get().uri("/api/v1/applications?schoolId={s}", school).exchange().expectStatus().isOk();
        as(governor).get().uri("/api/v1/staff/me").exchange().expectStatus().isOk();
    }

    @Test
    void everyKindOfWriteIsRefusedToAGovernor() {
        String school = newSchool();
        Person governor = newStaff(school, "GOVERNOR");

        as(governor).post().uri("/api/v1/staff/me/tokens").bodyValue(Map.of("name", "laptop")).exchange()
                .expectStatus().isForbidden();
        as(governor).post().uri("/api/v1/staff/{id}/acknowledgements", governor.id())
                .bodyValue(Map.of("policyVersion", "2026", "signedOn", "2026-11-01")).exchange()
                .expectStatus().isForbidden();
        as(governor).post().uri("/api/v1/incidents").bodyValue(Map.of("category", "BULLYING", "severity", "LOW"))
                .exchange().expectStatus().isForbidden();
        as(governor).put().uri("/api/v1/moderation/settings/{s}", school).bodyValue(Map.of("alertRunners", true))
                .exchange().expectStatus().isForbidden();
        as(governor).delete().uri("/api/v1/watches/{id}", "any").exchange().expectStatus().isForbidden();
    }

    @SuppressWarnings("unchecked")
    private String submittedApplicationDraft(Person applicant, Map<String, Object> body) {
        return (String) as(applicant).post().uri("/api/v1/applications").bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody().get("id");
    }
}
