package uk.hallmonitor.system.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The rules an ID token must pass before its email is matched to a staff record, and the directory groups' say on
 * roles. Kept apart from the HTTP flow so each rule is tested on its own.
 * <ul>
 * <li>Google: {@code email_verified} must be {@code true} and {@code hd} must be the configured Workspace domain
 *     (Google sets {@code hd} only for Workspace accounts, so a personal account using a school address fails).</li>
 * <li>Microsoft: the token's tenant ({@code tid}) must be the configured tenant; the address is {@code email}, or
 *     {@code preferred_username} (the UPN) when {@code email} is absent. Entra ID does not issue
 *     {@code email_verified}: both values are set by the school's own tenant administrators, which is why the tenant
 *     is checked. An {@code email_verified} that is present and not {@code true} is refused for every provider.</li>
 * </ul>
 */
final class OidcClaims {

    /** Why a sign-in was refused; the code travels to the login page, which explains it. */
    static final String UNVERIFIED = "unverified-email";
    static final String WRONG_DOMAIN = "wrong-domain";
    static final String WRONG_TENANT = "wrong-tenant";
    static final String NO_EMAIL = "no-email";
    static final String UNKNOWN = "unknown-staff";
    static final String AMBIGUOUS = "ambiguous-staff";
    static final String UNAVAILABLE = "provider-unavailable";

    private OidcClaims() {
    }

    /** The verified email address the token vouches for, lower-cased; refuses the token otherwise. */
    static String verifiedEmail(String registrationId, Map<String, Object> claims, OidcProperties properties) {
        Object verified = claims.get("email_verified");
        if (verified != null && !Boolean.TRUE.equals(verified) && !"true".equals(String.valueOf(verified))) {
            throw refused(UNVERIFIED, "the provider says this email address is not verified");
        }
        if ("google".equals(registrationId)) {
            if (verified == null) {
                throw refused(UNVERIFIED, "Google did not say the email address is verified");
            }
            String domain = properties.google().hostedDomain().trim();
            Object hd = claims.get("hd");
            if (hd == null || !domain.equalsIgnoreCase(hd.toString())) {
                throw refused(WRONG_DOMAIN, "only accounts of the Google Workspace domain " + domain + " may sign in");
            }
            return address(claims.get("email"));
        }
        if ("microsoft".equals(registrationId)) {
            String tenant = properties.microsoft().tenant();
            if (!OidcProperties.blank(tenant) && !tenant.trim().equalsIgnoreCase(String.valueOf(claims.get("tid")))) {
                throw refused(WRONG_TENANT, "only accounts of the school's Microsoft 365 tenant may sign in");
            }
            Object email = claims.get("email");
            return address(email != null && !email.toString().isBlank() ? email : claims.get("preferred_username"));
        }
        throw refused(UNKNOWN, "unknown sign-in provider " + registrationId);
    }

    private static String address(Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.indexOf('@') < 1) {
            throw refused(NO_EMAIL, "the provider sent no email address for this account");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /**
     * The session's roles: the staff record's, except that each role named in {@code group-roles} is held exactly
     * when one of the token's {@code groups} maps to it (so the directory can grant and take away those roles only).
     */
    static Set<Role> roles(Set<Role> recorded, Object groupsClaim, Map<String, Role> groupRoles) {
        if (groupRoles.isEmpty()) {
            return recorded;
        }
        Set<Role> roles = new LinkedHashSet<>(recorded);
        roles.removeAll(groupRoles.values());
        if (groupsClaim instanceof Collection<?> groups) {
            for (Object group : groups) {
                Role role = groupRoles.get(String.valueOf(group));
                if (role != null) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    static OAuth2AuthenticationException refused(String code, String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, why, null), why);
    }
}
