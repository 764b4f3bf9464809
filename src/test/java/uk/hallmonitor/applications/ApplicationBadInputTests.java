package uk.hallmonitor.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** Bad applications get a problem naming the field, and nothing is stored. */
class ApplicationBadInputTests extends AppTestSupport {

    private String school;
    private Person applicant;
    private Person runner;

    @BeforeEach
    void setUp() {
        school = newSchool();
        applicant = newCurrentStaff(school, "STAFF");
        runner = newCurrentStaff(school, "STAFF");
    }

    private String validJson(String override) {
        String base = """
                {"schoolId":"%s","platform":"X","handle":"@school","aim":"News","audience":"Parents",
                 "promotion":"Newsletter","runnerIds":["%s","%s"],"visibility":"OPEN"}""".formatted(school,
                applicant.id(), runner.id());
        return override == null ? base : override.formatted(school, applicant.id(), runner.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing handle      | {"schoolId":"%s","platform":"X","aim":"a","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"OPEN"} | handle
            empty aim           | {"schoolId":"%s","platform":"X","handle":"@h","aim":"  ","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"OPEN"} | aim
            one runner          | {"schoolId":"%s","platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%s"],"visibility":"OPEN"} | runnerIds
            same runner twice   | {"schoolId":"%s","platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%2$s","%2$s"],"visibility":"OPEN"} | runnerIds[1]
            unknown runner      | {"schoolId":"%s","platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%s","nobody"],"visibility":"OPEN"} | runnerIds[1]
            unknown platform    | {"schoolId":"%s","platform":"MYSPACE","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"OPEN"} | platform
            bad visibility      | {"schoolId":"%s","platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"SECRET"} | visibility
            wrong type          | {"schoolId":"%s","platform":"X","handle":["@h"],"aim":"a","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"OPEN"} | handle
            runners not a list  | {"schoolId":"%s","platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":"%s %s","visibility":"OPEN"} | runnerIds
            mongo operator $ne  | {"schoolId":"%s","platform":"X","handle":{"$ne":null},"aim":"a","audience":"b","promotion":"c","runnerIds":["%s","%s"],"visibility":"OPEN"} | handle
            mongo operator $where | {"schoolId":{"$where":"sleep(1000)"},"platform":"X","handle":"@h","aim":"a","audience":"b","promotion":"c","runnerIds":["%2$s","%3$s"],"visibility":"OPEN"} | schoolId
            not json            | {"schoolId": | body
            """)
    void isRefusedWithTheFieldNamed(String name, String json, String field) {
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(validJson(json)).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[*].field")
                .value(fields -> assertThat((List<String>) fields).contains(field));
        nothingStored();
    }

    @Test
    void overlongTextIsRefused() {
        String json = validJson(null).replace("\"aim\":\"News\"", "\"aim\":\"" + "x".repeat(4001) + "\"");
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("aim")
                .jsonPath("$.errors[0].message").isEqualTo("at most 4000 characters");
        nothingStored();
    }

    @Test
    void bodiesOverOneMegabyteAreTooLarge() {
        String json = validJson(null).replace("\"aim\":\"News\"", "\"aim\":\"" + "x".repeat(1_100_000) + "\"");
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        nothingStored();
    }

    @Test
    void aRunnerFromAnotherSchoolIsRefused() {
        String otherSchool = newSchool();
        Person stranger = newCurrentStaff(otherSchool, "STAFF");
        String json = validJson(null).replace(runner.id(), stranger.id());
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("runnerIds[1]")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("no member of staff of this school"));
        nothingStored();
    }

    @Test
    void anApplicationForAnotherSchoolIsNotFound() {
        String otherSchool = newSchool();
        String json =
                validJson(null).replace("\"schoolId\":\"" + school + "\"", "\"schoolId\":\"" + otherSchool + "\"");
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                .exchange().expectStatus().isNotFound();
        admin().get().uri("/api/v1/applications?schoolId={s}", otherSchool).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void anUnknownStatusFilterIsRefused() {
        as(applicant).get().uri("/api/v1/applications?status=MAYBE").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
    }

    @Test
    void aValidApplicationIsStoredOnce() {
        as(applicant).post().uri("/api/v1/applications").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(validJson(null)).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.status").isEqualTo("DRAFT");
        as(applicant).get().uri("/api/v1/applications").exchange().expectBody().jsonPath("$.total").isEqualTo(1);
    }

    private void nothingStored() {
        as(applicant).get().uri("/api/v1/applications").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }
}
