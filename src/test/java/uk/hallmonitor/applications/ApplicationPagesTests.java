package uk.hallmonitor.applications;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import uk.hallmonitor.AppTestSupport;

/** The server-rendered pages show the same records and enforce the same rules as the API. */
class ApplicationPagesTests extends AppTestSupport {

    @Test
    void sltSeeTheQueueAndTheRegisterAndAnOutsiderSeesNeither() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);

        String queue = as(slt).get().uri("/ui/review").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(queue).contains("/ui/applications/" + id + "/approve").contains("News for parents");

        Person outsider = newStaff(newSchool(), "SLT");
        String theirs = as(outsider).get().uri("/ui/review").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(theirs).doesNotContain(id).contains("Nothing is waiting");

        as(slt).post().uri("/ui/applications/{id}/approve", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("text", "fine")).exchange().expectStatus().isSeeOther();
        String register = as(slt).get().uri("/ui/accounts").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(register).contains("PROVISIONING").contains("@school");
    }

    @Test
    void theFormRefusesAnApplicationWithOneRunnerAndStoresNothing() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        String page = as(applicant).post().uri("/ui/applications").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("platform", "X").with("handle", "@h").with("aim", "a")
                        .with("audience", "b").with("promotion", "c").with("visibility", "OPEN")
                        .with("runnerIds", applicant.id()))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("runnerIds");
        as(applicant).get().uri("/api/v1/applications").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }
}
