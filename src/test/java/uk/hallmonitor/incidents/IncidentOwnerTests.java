package uk.hallmonitor.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/** The DSL picks an incident's owner from a list of eligible staff by name; every answer names the owner. */
class IncidentOwnerTests extends AppTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void theOwnerIsPickedByNameFromTheEligibleStaff() {
        String school = newSchool();
        Person dsl = newStaff(school, "DSL");
        Person deputy = newStaff(school, "DEPUTY_DSL");
        Person moderator = newStaff(school, "MODERATOR");

        List<Map<String, Object>> owners = as(dsl).get().uri("/api/v1/incidents/owners?schoolId={s}", school)
                .exchange().expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(owners).extracting(owner -> owner.get("staffId")).containsExactlyInAnyOrder(dsl.id(), deputy.id());
        assertThat(owners).anySatisfy(owner -> assertThat(owner).containsEntry("staffId", deputy.id())
                .containsEntry("name", "Person " + deputy.username()).containsEntry("roles", List.of("DEPUTY_DSL")));

        as(dsl).post().uri("/api/v1/incidents").bodyValue(Map.of("schoolId", school, "category", "BULLYING",
                "severity", "HIGH", "owner", deputy.id())).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.owner").isEqualTo(deputy.id())
                .jsonPath("$.ownerName").isEqualTo("Person " + deputy.username());
        as(dsl).post().uri("/api/v1/incidents").bodyValue(Map.of("schoolId", school, "category", "BULLYING",
                "severity", "HIGH", "owner", moderator.id())).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("owner");
    }
}
