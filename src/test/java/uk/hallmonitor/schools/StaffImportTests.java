package uk.hallmonitor.schools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.hallmonitor.AppTestSupport;

/** The staff import from a MIS export, through {@code POST /api/v1/schools/{id}/staff-imports}. */
class StaffImportTests extends AppTestSupport {

    // usernames are unique across the trust and the tests share one store: each export has its own people
    private static String sims(String tag) {
        return """
                "Legal Surname","Legal Forename","Work Email","Staff Role"
                "Okafor","Ada","a.okafor%1$s@oakfield.sch.uk","Teacher"
                "Brown","Ben","b.brown%1$s@oakfield.sch.uk","Deputy Headteacher"
                "Singh","Priya","p.singh%1$s@oakfield.sch.uk","Designated Safeguarding Lead"
                """.formatted(tag);
    }

    private static String tag() {
        return java.util.UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMisExportIsPreviewedWithGuessedColumnsThenImportedOnceWithRolesFromJobTitles() {
        String school = newSchool();
        String tag = tag();
        String csv = sims(tag);

        Map<String, Object> preview = admin().post().uri("/api/v1/schools/{id}/staff-imports", school)
                .bodyValue(Map.of("csv", csv, "dryRun", true)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) preview.get("added")).extracting(row -> row.get("username"))
                .containsExactly("a.okafor" + tag, "b.brown" + tag, "p.singh" + tag);
        assertThat(staffCount(school)).as("a dry run stores nothing").isZero();

        Map<String, Object> done = admin().post().uri("/api/v1/schools/{id}/staff-imports", school)
                .bodyValue(Map.of("csv", csv)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        List<Map<String, Object>> added = (List<Map<String, Object>>) done.get("added");
        assertThat(added).extracting(row -> row.get("name")).containsExactly("Ada Okafor", "Ben Brown", "Priya Singh");
        assertThat(added.get(1).get("roles")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("SLT", "STAFF");
        assertThat(added.get(2).get("roles")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder("DSL", "STAFF");
        assertThat(staffCount(school)).isEqualTo(3);

        Map<String, Object> again = admin().post().uri("/api/v1/schools/{id}/staff-imports", school)
                .bodyValue(Map.of("csv", csv)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<?>) again.get("added")).as("importing the same file twice adds nobody twice").isEmpty();
        assertThat((List<?>) again.get("unchanged")).hasSize(3);
        assertThat(staffCount(school)).isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileWithBadRowsIsRefusedRowByRowAndAddsNobody() {
        String school = newSchool();
        String arbor = """
                First Name;Last Name;Email Address
                Ada;Okafor;ada@oakfield.sch.uk
                Ben;Brown;not-an-email
                ;;carol@oakfield.sch.uk
                Dee;Dunn;ada@oakfield.sch.uk
                """;

        Map<String, Object> problem = admin().post().uri("/api/v1/schools/{id}/staff-imports", school)
                .bodyValue(Map.of("csv", arbor)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith("application/problem+json")
                .expectBody(Map.class).returnResult().getResponseBody();

        List<Map<String, Object>> errors = (List<Map<String, Object>>) problem.get("errors");
        assertThat(errors).extracting(e -> e.get("field"))
                .containsExactly("rows[3].email", "rows[4].name", "rows[5].email", "rows[5].username");
        assertThat(errors.get(0).get("message")).asString().contains("line 3").contains("not-an-email");
        assertThat(errors.get(2).get("message")).asString().contains("also on line 2");
        assertThat(staffCount(school)).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMappingNamingAMissingColumnIsReportedWithTheFilesColumns() {
        String school = newSchool();
        String csv = sims(tag());
        Map<String, Object> problem = admin().post().uri("/api/v1/schools/{id}/staff-imports", school)
                .bodyValue(Map.of("csv", csv, "columns", Map.of("fullName", "Name", "email", "Work Email")))
                .exchange().expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("field"))
                .containsExactly("rows[1].columns.fullName");
        assertThat(problem.get("detail")).asString().contains("Legal Surname");
    }

    @Test
    void onlyATrustAdministratorImportsStaff() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        as(slt).post().uri("/api/v1/schools/{id}/staff-imports", school).bodyValue(Map.of("csv", sims(tag())))
                .exchange().expectStatus().isForbidden();
        assertThat(staffCount(school)).as("only the SLT member made for the test").isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anImportedPersonLogsInAfterAnAdministratorResetsTheirPasswordAndCanBeUnlocked() {
        String school = newSchool();
        String tag = tag();
        admin().post().uri("/api/v1/schools/{id}/staff-imports", school).bodyValue(Map.of("csv", sims(tag)))
                .exchange().expectStatus().isCreated();
        Map<String, Object> page = admin().get().uri("/api/v1/staff?schoolId={s}", school).exchange()
                .expectBody(Map.class).returnResult().getResponseBody();
        String adaId = ((List<Map<String, Object>>) page.get("items")).stream()
                .filter(s -> ("a.okafor" + tag).equals(s.get("username"))).findFirst().orElseThrow().get("id")
                .toString();
        as("a.okafor" + tag, "anything-1").get().uri("/api/v1/staff/me").exchange().expectStatus().isUnauthorized();

        Map<String, Object> reset = admin().post().uri("/api/v1/staff/{id}/password-reset", adaId).exchange()
                .expectStatus().isOk().expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody(Map.class).returnResult().getResponseBody();
        String password = (String) reset.get("temporaryPassword");
        assertThat(password).hasSize(12).containsPattern("\\d");
        as("a.okafor" + tag, password).get().uri("/api/v1/staff/me").exchange().expectStatus().isOk();

        for (int i = 0; i < 10; i++) {
            as("a.okafor" + tag, "wrong-guess-" + i).get().uri("/api/v1/staff/me").exchange();
        }
        as("a.okafor" + tag, password).get().uri("/api/v1/staff/me").exchange().expectStatus().isUnauthorized();
        admin().post().uri("/api/v1/staff/{id}/unlock", adaId).exchange().expectStatus().isOk();
        as("a.okafor" + tag, password).get().uri("/api/v1/staff/me").exchange().expectStatus().isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rolesAndSchoolSettingsAreChangedByAnAdministratorOnlyAndBadValuesAreNamed() {
        String school = newSchool();
        Person teacher = newStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");

        as(slt).put().uri("/api/v1/staff/{id}/roles", teacher.id()).bodyValue(Map.of("roles", List.of("SLT")))
                .exchange().expectStatus().isForbidden();
        admin().put().uri("/api/v1/staff/{id}/roles", teacher.id()).bodyValue(Map.of("roles", List.of("ADMIN")))
                .exchange().expectStatus().isBadRequest();
        Map<String, Object> changed = admin().put().uri("/api/v1/staff/{id}/roles", teacher.id())
                .bodyValue(Map.of("roles", List.of("STAFF", "MODERATOR"))).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<String>) changed.get("roles")).containsExactlyInAnyOrder("STAFF", "MODERATOR");

        Map<String, Object> problem = admin().patch().uri("/api/v1/schools/{id}", school)
                .bodyValue(Map.of("timezone", "Mars/Olympus", "bankHolidayRegion", "wales")).exchange()
                .expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody();
        assertThat((List<Map<String, Object>>) problem.get("errors")).extracting(e -> e.get("field"))
                .containsExactlyInAnyOrder("timezone", "bankHolidayRegion");
        Map<String, Object> saved = admin().patch().uri("/api/v1/schools/{id}", school)
                .bodyValue(Map.of("timezone", "Europe/Belfast", "bankHolidayRegion", "northern-ireland")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(saved).containsEntry("timezone", "Europe/Belfast").containsEntry("bankHolidayRegion",
                "northern-ireland");
    }

    @SuppressWarnings("unchecked")
    private long staffCount(String school) {
        Map<String, Object> page = admin().get().uri("/api/v1/staff?schoolId={s}", school).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) page.get("total")).longValue();
    }
}
