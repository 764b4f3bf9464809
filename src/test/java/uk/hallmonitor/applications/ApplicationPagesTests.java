package uk.hallmonitor.applications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import uk.hallmonitor.AppTestSupport;

/** The server-rendered pages show the same records and enforce the same rules as the API, in words. */
class ApplicationPagesTests extends AppTestSupport {

    @Test
    void sltSeeTheQueueWithRunnersByNameAndAnOutsiderSeesNothingOfIt() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);

        String queue = page(slt, "/ui/review");
        assertThat(queue).contains("/ui/applications/" + id + "/approve").contains("News for parents")
                .contains("Person " + runner.username()).contains("Trained, policy signed")
                .doesNotContain(runner.id());

        Person outsider = newStaff(newSchool(), "SLT");
        assertThat(page(outsider, "/ui/review")).doesNotContain(id).contains("Nothing is waiting");

        as(slt).post().uri("/ui/applications/{id}/approve", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("text", "fine")).exchange().expectStatus().isSeeOther()
                .expectHeader().location("/ui/review");
        assertThat(page(slt, "/ui/accounts")).contains("Being set up").contains("@school")
                .doesNotContain("PROVISIONING");
    }

    @Test
    void staffAndTheApplicantNeverSeeApproveOrRejectButtons() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF", "SLT");
        Person runner = newCurrentStaff(school, "STAFF");
        Person teacher = newStaff(school, "STAFF");
        String id = submittedApplication(applicant, applicant, runner);

        assertThat(page(teacher, "/ui/applications/" + id)).doesNotContain("/approve").doesNotContain("/reject");
        // SLT who applied themselves read it but another member of SLT decides
        assertThat(page(applicant, "/ui/review")).contains("another member of SLT must decide")
                .doesNotContain("/ui/applications/" + id + "/approve");
        as(teacher).post().uri("/ui/applications/{id}/approve", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("text", "")).exchange().expectStatus().isForbidden();
    }

    @Test
    void theFormKeepsWhatWasTypedAndSaysInWordsToChooseTwoRunnersAndStoresNothing() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        String page = as(applicant).post().uri("/ui/applications").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("platform", "X").with("handle", "@OakfieldSports")
                        .with("aim", "Fixtures & results for parents").with("audience", "")
                        .with("promotion", "The newsletter").with("visibility", "OPEN")
                        .with("runnerIds", applicant.id()))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("There is a problem")
                .contains("href=\"#runners\">Choose at least two staff to run the account")
                .contains("href=\"#audience\">Say who the account is for")
                .contains("value=\"@OakfieldSports\"").contains("Fixtures &amp; results for parents")
                .contains("The newsletter").doesNotContain("runnerIds[");
        // the one runner ticked stays ticked, in the form's own words (the check-boxes are a fragment shared with
        // the account page), with the error announced with the group
        assertThat(page).containsPattern("value=\"" + applicant.id() + "\"\\s+checked")
                .contains("<legend>Who will run the account</legend>")
                .contains("SLT can approve only when everyone who runs it has signed")
                .contains("aria-describedby=\"runners-hint runners-error\"").contains("id=\"runners-error\"");
        as(applicant).get().uri("/api/v1/applications").exchange().expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theApplicantReadsTheRejectionReasonAmendsAndResubmitsThenWithdraws() {
        String school = newSchool();
        Person applicant = newCurrentStaff(school, "STAFF");
        Person runner = newCurrentStaff(school, "STAFF");
        Person other = newCurrentStaff(school, "STAFF");
        Person slt = newStaff(school, "SLT");
        String id = submittedApplication(applicant, applicant, runner);
        // a reason is required, and what was typed in the other box is kept
        String refused = as(slt).post().uri("/ui/applications/{id}/reject", id)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("text", " "))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("href=\"#reason-" + id + "\">Say why the application is rejected");
        as(slt).post().uri("/ui/applications/{id}/reject", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("text", "Name a member of the PE department as a runner"))
                .exchange().expectStatus().isSeeOther();

        assertThat(page(applicant, "/ui/applications")).contains("Rejected")
                .contains("Name a member of the PE department as a runner");
        assertThat(page(applicant, "/ui/applications/" + id)).contains("Why SLT rejected it")
                .contains("Person " + slt.username()).contains("/ui/applications/" + id + "/amend");

        as(applicant).post().uri("/ui/applications/{id}/amend", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("platform", "X").with("handle", "@school").with("aim", "News")
                        .with("audience", "Parents").with("promotion", "Newsletter").with("visibility", "OPEN")
                        .with("runnerIds", runner.id()).with("runnerIds", other.id()))
                .exchange().expectStatus().isSeeOther().expectHeader().location("/ui/applications/" + id);
        as(applicant).get().uri("/api/v1/applications/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("SUBMITTED")
                .jsonPath("$.runnerIds")
                .value(ids -> assertThat((List<String>) ids).containsExactly(runner.id(), other.id()));

        as(applicant).post().uri("/ui/applications/{id}/withdraw", id).exchange().expectStatus().isSeeOther();
        as(applicant).get().uri("/api/v1/applications/{id}", id).exchange().expectBody()
                .jsonPath("$.status").isEqualTo("WITHDRAWN");
        assertThat(page(applicant, "/ui/applications")).contains("Withdrawn");
    }

    @Test
    void myApplicationsListsOnlyTheCallersOwn() {
        String school = newSchool();
        Person mine = newCurrentStaff(school, "STAFF");
        Person colleague = newCurrentStaff(school, "STAFF");
        String own = submittedApplication(mine, mine, colleague);
        String theirs = submittedApplication(colleague, mine, colleague);

        String page = page(mine, "/ui/applications");
        assertThat(page).contains("/ui/applications/" + own).doesNotContain("/ui/applications/" + theirs);
    }

    private String page(Person person, String path) {
        return as(person).get().uri(path).accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
