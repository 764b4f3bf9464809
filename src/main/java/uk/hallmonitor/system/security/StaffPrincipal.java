package uk.hallmonitor.system.security;

import org.springframework.security.core.Authentication;

/** The authenticated principal the security filters place in the context; carries the {@link Caller}. */
public interface StaffPrincipal {

    Caller caller();

    /** How and when the caller signed in. */
    SignIn signIn();

    /**
     * The staff principal of an authentication: the authentication itself (passwords, tokens) or its principal (an
     * OpenID Connect login keeps Spring's token and puts the staff member inside); {@code null} for anything else.
     */
    static StaffPrincipal of(Authentication authentication) {
        if (authentication instanceof StaffPrincipal principal) {
            return principal;
        }
        return authentication != null && authentication.getPrincipal() instanceof StaffPrincipal principal
                ? principal : null;
    }
}
