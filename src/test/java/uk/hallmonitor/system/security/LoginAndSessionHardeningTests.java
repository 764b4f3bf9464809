package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import uk.hallmonitor.AppTestSupport;

/**
 * The browser session cookie, the login lockout and the CSRF exemption, through the API. The test client connects
 * from the loopback address, which the shared test configuration ({@link AppTestSupport}) trusts as the reverse
 * proxy, so {@code X-Forwarded-For} plays the browser's address.
 */
class LoginAndSessionHardeningTests extends AppTestSupport {

    @Test
    void theSessionCookieIsSameSiteLaxAndSecureWhenTheTrustedProxySaysHttps() {
        ResponseCookie plain = web.get().uri("/login").exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseCookies().getFirst("SESSION");
        assertThat(plain.getSameSite()).isEqualTo("Lax");
        assertThat(plain.isHttpOnly()).isTrue();
        assertThat(plain.isSecure()).isFalse();

        ResponseCookie behindTls = web.get().uri("/login").header("X-Forwarded-Proto", "https").exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseCookies().getFirst("SESSION");
        assertThat(behindTls.getSameSite()).isEqualTo("Lax");
        assertThat(behindTls.isSecure()).isTrue();
    }

    @Test
    void guessingFromOneAddressDoesNotLockTheUserOutEverywhereAndAnAdministratorCanUnlock() {
        String school = newSchool();
        Person person = newStaff(school, "STAFF");
        WebTestClient attacker = web.mutate().defaultHeader("X-Forwarded-For", "203.0.113.9").build();
        for (int i = 0; i < 5; i++) {
            String guess = "wrong-pass-" + i;
            attacker.get().uri("/api/v1/schools").headers(h -> h.setBasicAuth(person.username(), guess))
                    .exchange().expectStatus().isUnauthorized();
        }
        attacker.get().uri("/api/v1/schools").headers(h -> h.setBasicAuth(person.username(), person.password()))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("too many"));
        // the real user, elsewhere, still gets in
        web.get().uri("/api/v1/schools").header("X-Forwarded-For", "198.51.100.7")
                .headers(h -> h.setBasicAuth(person.username(), person.password()))
                .exchange().expectStatus().isOk();

        Person slt = newStaff(school, "SLT");
        as(slt).post().uri("/api/v1/staff/{id}/unlock", person.id()).exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        admin().post().uri("/api/v1/staff/{id}/unlock", person.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo(person.username())
                .jsonPath("$.locksCleared").isEqualTo(1);
        attacker.get().uri("/api/v1/schools").headers(h -> h.setBasicAuth(person.username(), person.password()))
                .exchange().expectStatus().isOk();
        admin().get().uri("/api/v1/audit?subjectId={id}", person.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].action").isEqualTo("staff.unlocked")
                .jsonPath("$.items[0].actor").isEqualTo("admin");
    }

    @Test
    void csrfIsSkippedOnlyWhenTheAuthorizationHeaderAuthenticatesTheRequest() {
        String school = newSchool();
        Person slt = newStaff(school, "SLT");
        String session = browserSession(slt);
        for (String header : new String[] {"Foo bar", "Basic !!!not-base64", "Basic bm9jb2xvbg=="}) {
            web.post().uri("/api/v1/staff/me/tokens").cookie("SESSION", session)
                    .header(HttpHeaders.AUTHORIZATION, header).bodyValue(Map.of("name", "forged"))
                    .exchange().expectStatus().isForbidden();
        }
        // a Basic header that does authenticate needs no token, with or without the session
        web.post().uri("/api/v1/staff/me/tokens").cookie("SESSION", session)
                .headers(h -> h.setBasicAuth(slt.username(), slt.password())).bodyValue(Map.of("name", "ci"))
                .exchange().expectStatus().isCreated();
        // and a wrong one is refused outright, not let through on the session
        web.post().uri("/api/v1/staff/me/tokens").cookie("SESSION", session)
                .headers(h -> h.setBasicAuth(slt.username(), "not-the-password-1")).bodyValue(Map.of("name", "x"))
                .exchange().expectStatus().isUnauthorized();
    }

    private String browserSession(Person person) {
        var login = web.get().uri("/login").exchange().expectStatus().isOk().returnResult(String.class);
        String page = String.join("", login.getResponseBody().collectList().block());
        String csrf = page.replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        String cookie = login.getResponseCookies().getFirst("SESSION").getValue();
        var loggedIn = web.post().uri("/login").cookie("SESSION", cookie)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=" + person.username() + "&password=" + person.password() + "&_csrf=" + csrf)
                .exchange().expectStatus().is3xxRedirection().returnResult(Void.class);
        var renewed = loggedIn.getResponseCookies().getFirst("SESSION");
        String session = renewed == null ? cookie : renewed.getValue();
        web.get().uri("/api/v1/schools").cookie("SESSION", session).exchange().expectStatus().isOk();
        return session;
    }
}
