package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import uk.hallmonitor.AppTestSupport;

/**
 * Sign-in with Microsoft and Google through the real authorization-code flow: the browser's side is played by
 * WebTestClient (the service) and an HTTP client (the provider), against the OpenID Connect provider running in the
 * test JVM ({@link TestOidcProvider}), which the shared application context is configured with.
 */
class OidcSignInTests extends AppTestSupport {

    private static final HttpClient BROWSER =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final TestOidcProvider provider = TestOidcProvider.shared();

    /** Where a sign-in ended: the browser's session cookie (which the service may renew) and where it was sent. */
    static final class Outcome {

        private String session;
        private final String location;

        Outcome(String session, String location) {
            this.session = session;
            this.location = location;
        }

        String session() {
            return session;
        }

        String location() {
            return location;
        }

        boolean signedIn() {
            return "/".equals(location);
        }
    }

    @BeforeEach
    void providerOnServiceTime() {
        provider.useClock(clock::instant);
    }

    @AfterEach
    void restoreProvider() {
        provider.tokenLifetime(Duration.ofMinutes(10));
    }

    @Test
    void staffSignInWithMicrosoftByTheirEmailAndHoldTheRolesOfTheirStaffRecord() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        // Entra ID sends no email_verified; the address's case may differ from the staff record's
        provider.signInAs("ms-" + person.id(), Map.of("tid", TestOidcProvider.TENANT,
                "preferred_username", person.username().toUpperCase() + "@SCHOOL.TEST", "amr", List.of("pwd")));

        Outcome outcome = signIn("microsoft", "");

        assertThat(outcome.signedIn()).as(outcome.location()).isTrue();
        web.get().uri("/api/v1/staff/{id}", person.id()).cookie("SESSION", outcome.session()).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo(person.username());
        // STAFF only: the moderation queue is not theirs
        web.get().uri("/api/v1/posts").cookie("SESSION", outcome.session()).exchange().expectStatus().isForbidden();
    }

    @Test
    void anEmailNoStaffRecordHasIsRefusedAndNobodyIsSignedIn() {
        provider.signInAs("ms-stranger", Map.of("tid", TestOidcProvider.TENANT, "email", "stranger@school.test"));

        Outcome outcome = signIn("microsoft", "");

        assertThat(outcome.location()).isEqualTo("/login?error=oidc&reason=unknown-staff");
        web.get().uri("/api/v1/schools").cookie("SESSION", outcome.session()).exchange().expectStatus()
                .isUnauthorized();
        web.get().uri(outcome.location()).exchange().expectStatus().isOk().expectBody(String.class)
                .value(page -> assertThat(page).contains("Your account is not known to Hallmonitor"));
    }

    @Test
    void googleSignInIsLimitedToVerifiedAddressesOfTheHostedDomainAndMicrosoftToTheTenant() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        String email = person.username() + "@school.test";

        provider.signInAs("g-1", Map.of("email", email, "email_verified", true, "hd", "elsewhere.test"));
        assertThat(signIn("google", "").location()).endsWith("reason=wrong-domain");
        assertThat(provider.lastAuthorization).containsEntry("hd", TestOidcProvider.HOSTED_DOMAIN);
        // a personal Google account made with the school address carries no hd at all
        provider.signInAs("g-2", Map.of("email", email, "email_verified", true));
        assertThat(signIn("google", "").location()).endsWith("reason=wrong-domain");
        provider.signInAs("g-3", Map.of("email", email, "email_verified", false, "hd", "school.test"));
        assertThat(signIn("google", "").location()).endsWith("reason=unverified-email");
        provider.signInAs("ms-other", Map.of("tid", "another-tenant", "email", email));
        assertThat(signIn("microsoft", "").location()).endsWith("reason=wrong-tenant");

        provider.signInAs("g-4", Map.of("email", email, "email_verified", true, "hd", "school.test"));
        Outcome outcome = signIn("google", "");
        assertThat(outcome.signedIn()).as(outcome.location()).isTrue();
        web.get().uri("/api/v1/staff/{id}", person.id()).cookie("SESSION", outcome.session()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void aDirectoryGroupGrantsAndTakesAwayTheRoleMappedToIt() {
        String school = newSchool();
        Person staff = newStaff(school, "STAFF");
        Person moderator = newStaff(school, "STAFF", "MODERATOR");

        // grp-moderators -> MODERATOR (AppTestSupport): the group grants it to someone whose record lacks it
        provider.signInAs("ms-" + staff.id(), Map.of("tid", TestOidcProvider.TENANT,
                "email", staff.username() + "@school.test", "groups", List.of("grp-moderators", "grp-other")));
        Outcome granted = signIn("microsoft", "");
        web.get().uri("/api/v1/posts").cookie("SESSION", granted.session()).exchange().expectStatus().isOk();

        // and someone outside the group does not hold it, whatever the record says
        provider.signInAs("ms-" + moderator.id(), Map.of("tid", TestOidcProvider.TENANT,
                "email", moderator.username() + "@school.test", "groups", List.of("grp-other")));
        Outcome withheld = signIn("microsoft", "");
        web.get().uri("/api/v1/posts").cookie("SESSION", withheld.session()).exchange().expectStatus().isForbidden();
        // a password sign-in still has the record's roles
        as(moderator).get().uri("/api/v1/posts").exchange().expectStatus().isOk();
    }

    @Test
    void aDisabledDirectoryAccountIsCutOffWhenItsSignInExpiresAndALeaverAtOnce() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        String subject = "ms-" + person.id();
        provider.signInAs(subject, Map.of("tid", TestOidcProvider.TENANT, "email", person.username() + "@school.test"));
        Outcome outcome = signIn("microsoft", "");
        web.get().uri("/api/v1/staff/{id}", person.id()).cookie("SESSION", outcome.session()).exchange()
                .expectStatus().isOk();

        provider.disable(subject);
        clock.advance(Duration.ofMinutes(11));
        web.get().uri("/api/v1/staff/{id}", person.id()).cookie("SESSION", outcome.session()).exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("has expired"));
        // the browser goes back to the provider, which refuses the disabled account
        assertThat(signIn("microsoft", "").location()).isEqualTo("/login?error=oidc&reason=access_denied");

        Person leaver = newStaff(school, "STAFF");
        provider.signInAs("ms-" + leaver.id(), Map.of("tid", TestOidcProvider.TENANT,
                "email", leaver.username() + "@school.test"));
        Outcome leaving = signIn("microsoft", "");
        admin().post().uri("/api/v1/staff/{id}/leave", leaver.id()).exchange().expectStatus().isOk();
        web.get().uri("/api/v1/schools").cookie("SESSION", leaving.session()).exchange().expectStatus()
                .isUnauthorized();
    }

    @Test
    void revealingASecretNeedsASignInWithinFifteenMinutesAndMfaWhenTheSchoolAsks() {
        ActiveAccount account = activeAccount("X", "oidc-7001", null);
        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Spring2027-oidc")).exchange().expectStatus().isNoContent();
        Person it = newStaff(account.schoolId(), "ADMIN");
        provider.tokenLifetime(Duration.ofHours(1));
        Map<String, Object> claims = Map.of("tid", TestOidcProvider.TENANT, "email", it.username() + "@school.test",
                "amr", List.of("pwd"));
        provider.signInAs("ms-" + it.id(), claims);
        Outcome outcome = signIn("microsoft", "");
        reveal(account.accountId(), outcome).expectStatus().isOk().expectBody().jsonPath("$.secret")
                .isEqualTo("Spring2027-oidc");

        clock.advance(Duration.ofMinutes(16));
        reveal(account.accountId(), outcome).expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.signInAgain").isEqualTo("/login?reauth")
                .jsonPath("$.reason").isEqualTo("stale");
        // the reveal page says why and offers a fresh sign-in
        String token = csrf(outcome);
        web.post().uri("/ui/vault/accounts/{id}/credentials/password/reveal", account.accountId())
                .cookie("SESSION", outcome.session()).header("X-CSRF-TOKEN", token)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .bodyValue("reason=checking+the+profile").exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).value(page -> assertThat(page)
                        .contains("Sign in again first").contains("href=\"/login?reauth\"")
                        .doesNotContain("Spring2027-oidc"));
        // the session is still good for everything else
        web.get().uri("/api/v1/schools").cookie("SESSION", outcome.session()).exchange().expectStatus().isOk();
        // signing in again without asking for a fresh authentication keeps the provider's old auth_time
        assertThat(signIn("microsoft", "").signedIn()).isTrue();
        Outcome again = signIn("microsoft", "?reauth");
        assertThat(provider.lastAuthorization).containsEntry("prompt", "login").containsEntry("max_age", "0");
        reveal(account.accountId(), again).expectStatus().isOk();

        admin().put().uri("/api/v1/vault/schools/{s}/settings", account.schoolId())
                .bodyValue(Map.of("mfaForReveal", true)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.mfaForReveal").isEqualTo(true).jsonPath("$.runnersMayReveal")
                .isEqualTo(false);
        reveal(account.accountId(), again).expectStatus().isUnauthorized().expectBody().jsonPath("$.reason")
                .isEqualTo("mfa");
        provider.signInAs("ms-" + it.id(), Map.of("tid", TestOidcProvider.TENANT,
                "email", it.username() + "@school.test", "amr", List.of("pwd", "mfa")));
        reveal(account.accountId(), signIn("microsoft", "?reauth")).expectStatus().isOk();
        admin().get().uri("/api/v1/audit?subjectId={id}", account.accountId() + "/password").exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(body -> assertThat(body).contains("credential.reveal-refused").contains("multi-factor"));
    }

    @Test
    void signingOutEndsTheSession() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        provider.signInAs("ms-" + person.id(), Map.of("tid", TestOidcProvider.TENANT,
                "email", person.username() + "@school.test"));
        Outcome outcome = signIn("microsoft", "");
        web.get().uri("/api/v1/schools").cookie("SESSION", outcome.session()).exchange().expectStatus().isOk();

        String token = csrf(outcome);
        web.post().uri("/logout").cookie("SESSION", outcome.session())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("_csrf=" + token)
                .exchange().expectStatus().is3xxRedirection();

        web.get().uri("/api/v1/schools").cookie("SESSION", outcome.session()).exchange().expectStatus()
                .isUnauthorized();
    }

    @Test
    void passwordsCanBeSwitchedOffForEveryoneButTheBreakGlassAdministrator() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        Person otherAdmin = newStaff(school, "ADMIN");
        as(person).put().uri("/api/v1/sign-in-settings").bodyValue(Map.of("passwords", false)).exchange()
                .expectStatus().isForbidden();
        admin().put().uri("/api/v1/sign-in-settings").bodyValue(Map.of()).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("passwords");
        try {
            admin().put().uri("/api/v1/sign-in-settings").bodyValue(Map.of("passwords", false)).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.passwords").isEqualTo(false)
                    .jsonPath("$.breakGlassAdmins[0]").isEqualTo("admin")
                    .jsonPath("$.providers[0].id").isEqualTo("microsoft")
                    .jsonPath("$.providers[0].available").isEqualTo(true);

            as(person).get().uri("/api/v1/schools").exchange().expectStatus().isUnauthorized().expectBody()
                    .jsonPath("$.detail").value(d -> assertThat((String) d).contains("password sign-in is turned off"));
            as(otherAdmin).get().uri("/api/v1/schools").exchange().expectStatus().isUnauthorized();
            admin().get().uri("/api/v1/schools").exchange().expectStatus().isOk();
            web.get().uri("/login").exchange().expectStatus().isOk().expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("Sign in with Microsoft").contains("Sign in with Google")
                            .contains("Break-glass administrator"));
        } finally {
            admin().put().uri("/api/v1/sign-in-settings").bodyValue(Map.of("passwords", true)).exchange()
                    .expectStatus().isOk();
        }
        as(person).get().uri("/api/v1/schools").exchange().expectStatus().isOk();
        admin().get().uri("/api/v1/audit?subjectId=sign-in").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("sign-in.settings-changed");
    }

    // ---- the browser's part

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec reveal(String accountId,
                                                                                           Outcome outcome) {
        return web.post().uri("/api/v1/accounts/{id}/credentials/password/reveal", accountId)
                .header("X-CSRF-TOKEN", csrf(outcome)).cookie("SESSION", outcome.session())
                .bodyValue(Map.of("reason", "checking the profile")).exchange();
    }

    /** Starts at the service, visits the provider, comes back with the code; returns the session and where it ended. */
    private Outcome signIn(String registration, String query) {
        var start = web.get().uri("/oauth2/authorization/" + registration + query).exchange()
                .expectStatus().isFound().returnResult(Void.class);
        ResponseCookie cookie = start.getResponseCookies().getFirst("SESSION");
        String session = cookie.getValue();
        URI authorize = start.getResponseHeaders().getLocation();
        HttpResponse<Void> atProvider;
        try {
            atProvider = BROWSER.send(HttpRequest.newBuilder(authorize).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(atProvider.statusCode()).isEqualTo(302);
        URI back = URI.create(atProvider.headers().firstValue("Location").orElseThrow());
        var done = web.get().uri(back).cookie("SESSION", session).exchange().expectStatus().isFound()
                .returnResult(Void.class);
        ResponseCookie renewed = done.getResponseCookies().getFirst("SESSION");
        return new Outcome(renewed != null && !renewed.getValue().isEmpty() ? renewed.getValue() : session,
                done.getResponseHeaders().getLocation().toString());
    }

    /**
     * The CSRF token of the session, as the login page renders it. Making a session's first token gives the session
     * a new id (Spring Security's defence against fixation), so the browser's cookie is renewed here too.
     */
    private String csrf(Outcome outcome) {
        var result = web.get().uri("/login").cookie("SESSION", outcome.session()).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        ResponseCookie renewed = result.getResponseCookies().getFirst("SESSION");
        if (renewed != null && !renewed.getValue().isEmpty()) {
            outcome.session = renewed.getValue();
        }
        String page = result.getResponseBody();
        return page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
    }
}
