package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import reactor.core.publisher.Mono;

/**
 * Turns a verified ID token into a staff member: the token's checked email address must belong to exactly one active
 * staff record (nobody registers themselves), and the session's roles are that record's (see {@link OidcClaims}).
 * The session lasts until the ID token expires or {@code session-lifetime} has passed, whichever is first; then the
 * browser goes back to the provider, which refuses an account disabled in the directory.
 */
@org.springframework.stereotype.Component
record OidcStaffUsers(StaffLogins logins, OidcProperties properties, Clock clock)
        implements ReactiveOAuth2UserService<OidcUserRequest, OidcUser> {

    private static final Logger log = LoggerFactory.getLogger(OidcStaffUsers.class);

    @Override
    public Mono<OidcUser> loadUser(OidcUserRequest request) {
        String registration = request.getClientRegistration().getRegistrationId();
        OidcIdToken token = request.getIdToken();
        return Mono.fromCallable(() -> OidcClaims.verifiedEmail(registration, token.getClaims(), properties))
                .flatMap(email -> logins.byEmail(email).filter(StaffCredentials::active).collectList()
                        .flatMap(found -> {
                            if (found.isEmpty()) {
                                log.info("{} sign-in refused: no active staff record has the email {}", registration,
                                        email);
                                return Mono.error(OidcClaims.refused(OidcClaims.UNKNOWN, "no member of staff in"
                                        + " Hallmonitor has the email " + email + "; ask an administrator to add it"
                                        + " to your staff record"));
                            }
                            if (found.size() > 1) {
                                return Mono.error(OidcClaims.refused(OidcClaims.AMBIGUOUS, found.size()
                                        + " active staff records share the email " + email + "; an administrator"
                                        + " must give each its own address"));
                            }
                            return Mono.just(user(registration, token, found.get(0).caller()));
                        }));
    }

    private OidcUser user(String registration, OidcIdToken token, Caller recorded) {
        Caller caller = new Caller(recorded.staffId(), recorded.username(), recorded.schoolId(),
                new LinkedHashSet<>(OidcClaims.roles(recorded.roles(), token.getClaims().get("groups"),
                        properties.groupRoles())));
        Instant now = clock.instant();
        Instant until = now.plus(properties.sessionLifetime());
        if (token.getExpiresAt() != null && token.getExpiresAt().isBefore(until)) {
            until = token.getExpiresAt();
        }
        List<String> amr = token.getAuthenticationMethods();
        // no auth_time: the provider did not say when the person last authenticated, so step-up will ask again
        SignIn signIn = new SignIn("oidc:" + registration, token.getAuthenticatedAt(),
                amr == null ? java.util.Set.of() : new LinkedHashSet<>(amr), until);
        return new StaffOidcUser(caller, signIn, token);
    }
}
