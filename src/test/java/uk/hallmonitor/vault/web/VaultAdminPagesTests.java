package uk.hallmonitor.vault.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import uk.hallmonitor.AppTestSupport;

/** The key-rotation and sign-in settings pages are the trust administrator's only: anyone else is refused. */
class VaultAdminPagesTests extends AppTestSupport {

    @Test
    void aHeadTeacherCanNeitherRotateTheKeysNorSwitchPasswordsOffFromThePages() {
        String school = newSchool();
        Person head = newCurrentStaff(school, "HEADTEACHER", "SLT");
        as(head).get().uri("/ui/vault/key-rotations").accept(MediaType.TEXT_HTML).exchange().expectStatus()
                .isForbidden();
        as(head).post().uri("/ui/vault/key-rotations").accept(MediaType.TEXT_HTML).exchange().expectStatus()
                .isForbidden();
        as(head).post().uri("/ui/admin/sign-in/passwords").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.TEXT_HTML).bodyValue("passwords=no").exchange().expectStatus().isForbidden();
        as(head).post().uri("/ui/admin/sign-in/schools/{id}/mfa", school)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .bodyValue("mfaForReveal=yes").exchange().expectStatus().isForbidden();

        admin().get().uri("/api/v1/sign-in-settings").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.passwords").isEqualTo(true);
        admin().get().uri("/api/v1/vault/schools/{id}/settings", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.mfaForReveal").isEqualTo(false);
        String rotations = admin().get().uri("/ui/vault/key-rotations").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(rotations).doesNotContain("Person " + head.username());
    }

    @Test
    void aMultiFactorChoiceOtherThanYesOrNoIsRefusedInWordsAndChangesNothing() {
        String school = newSchool();
        String page = admin().post().uri("/ui/admin/sign-in/schools/{id}/mfa", school)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .bodyValue("mfaForReveal=maybe").exchange().expectStatus().isBadRequest().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(page).contains("Choose whether a reveal needs multi-factor sign-in");
        admin().get().uri("/api/v1/vault/schools/{id}/settings", school).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.mfaForReveal").isEqualTo(false);
    }
}
