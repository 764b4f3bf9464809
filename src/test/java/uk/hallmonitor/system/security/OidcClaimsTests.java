package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** The rules an ID token passes before its address is matched to a staff record, and the groups' say on roles. */
class OidcClaimsTests {

    private static final String TENANT = "5f1c2a8e-0000-4000-8000-000000000001";
    private static final OidcProperties PROPERTIES = new OidcProperties(
            new OidcProperties.Microsoft(TENANT, "ms-client", "secret", null),
            new OidcProperties.Google("g-client", "secret", "school.test", null),
            Map.of("grp-moderators", Role.MODERATOR), null, null, null);

    @ParameterizedTest(name = "{0}: email={1} email_verified={2} hd={3} tid={4} preferred_username={5} -> {6}")
    @CsvSource(nullValues = "-", textBlock = """
            google,    a@school.test, true,  school.test,    -,       -,              a@school.test
            google,    A@School.Test, true,  SCHOOL.TEST,    -,       -,              a@school.test
            google,    a@school.test, true,  elsewhere.test, -,       -,              wrong-domain
            google,    a@school.test, true,  -,              -,       -,              wrong-domain
            google,    a@school.test, false, school.test,    -,       -,              unverified-email
            google,    a@school.test, -,     school.test,    -,       -,              unverified-email
            google,    -,             true,  school.test,    -,       -,              no-email
            microsoft, a@school.test, -,     -,              TENANT,  -,              a@school.test
            microsoft, -,             -,     -,              TENANT,  B@school.test,  b@school.test
            microsoft, a@school.test, -,     -,              other,   -,              wrong-tenant
            microsoft, a@school.test, -,     -,              -,       -,              wrong-tenant
            microsoft, a@school.test, false, -,              TENANT,  -,              unverified-email
            microsoft, -,             -,     -,              TENANT,  not-an-address, no-email
            """)
    void aTokenVouchesForAnAddressOnlyUnderTheProvidersRules(String registration, String email, Boolean verified,
                                                             String hd, String tid, String preferredUsername,
                                                             String expected) {
        Map<String, Object> claims = new HashMap<>();
        put(claims, "email", email);
        put(claims, "email_verified", verified);
        put(claims, "hd", hd);
        put(claims, "tid", "TENANT".equals(tid) ? TENANT : tid);
        put(claims, "preferred_username", preferredUsername);
        if (expected.contains("@")) {
            assertThat(OidcClaims.verifiedEmail(registration, claims, PROPERTIES)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> OidcClaims.verifiedEmail(registration, claims, PROPERTIES))
                    .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                            e -> assertThat(e.getError().getErrorCode()).isEqualTo(expected));
        }
    }

    @Test
    void mappedRolesFollowTheDirectoryGroupsAndTheOthersTheStaffRecord() {
        Map<String, Role> mapping = Map.of("grp-moderators", Role.MODERATOR, "grp-dsl", Role.DSL);
        assertThat(OidcClaims.roles(Set.of(Role.STAFF), List.of("grp-moderators", "grp-unknown"), mapping))
                .containsExactlyInAnyOrder(Role.STAFF, Role.MODERATOR);
        assertThat(OidcClaims.roles(Set.of(Role.STAFF, Role.DSL), List.of(), mapping)).containsExactly(Role.STAFF);
        assertThat(OidcClaims.roles(Set.of(Role.STAFF, Role.DSL), null, mapping)).containsExactly(Role.STAFF);
        // without a mapping the record decides alone, whatever the token says
        assertThat(OidcClaims.roles(Set.of(Role.DSL), List.of("grp-moderators"), Map.of())).containsExactly(Role.DSL);
    }

    @Test
    void theSettingsRefuseAGroupMappedToAdminAndGoogleWithoutAHostedDomain() {
        assertThatThrownBy(() -> new OidcProperties(null, null, Map.of("it", Role.ADMIN), null, null, null))
                .hasMessageContaining("cannot map a group to ADMIN");
        assertThatThrownBy(() -> new OidcProperties(null, new OidcProperties.Google("id", "s", " ", null), null, null,
                null, null)).hasMessageContaining("HALLMONITOR_OIDC_GOOGLE_HOSTED_DOMAIN");
        assertThat(new OidcProperties(null, null, null, null, null, null).microsoft().configured()).isFalse();
    }

    @Test
    void aStepUpNeedsARecentSignInAndMultiFactorWhenAsked() {
        Instant now = Instant.parse("2026-11-16T10:00:00Z");
        StepUp stepUp = new StepUp(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        SignIn fresh = new SignIn("oidc:microsoft", now.minus(Duration.ofMinutes(14)), Set.of("pwd"), null);
        SignIn stale = new SignIn("oidc:microsoft", now.minus(Duration.ofMinutes(16)), Set.of("pwd", "mfa"), null);
        SignIn unknown = new SignIn("oidc:google", null, Set.of("mfa"), null);
        SignIn strong = new SignIn("oidc:microsoft", now.minus(Duration.ofMinutes(1)), Set.of("pwd", "mfa"), null);

        assertThat(stepUp.problem(fresh, false, "revealing")).isNull();
        assertThat(stepUp.problem(stale, false, "revealing")).contains("within the last 15 minutes");
        assertThat(stepUp.problem(unknown, false, "revealing")).contains("within the last 15 minutes");
        assertThat(stepUp.problem(fresh, true, "revealing")).contains("multi-factor");
        assertThat(stepUp.problem(strong, true, "revealing")).isNull();
        assertThat(stepUp.problem(SignIn.password(now), false, "revealing")).isNull();
        assertThat(stepUp.problem(SignIn.password(now), true, "revealing")).contains("multi-factor");
        assertThat(stepUp.problem(SignIn.token(), false, "revealing")).contains("personal API token");
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null) {
            claims.put(name, value);
        }
    }
}
