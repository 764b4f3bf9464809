package uk.hallmonitor.system.security;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Sign-in with the school's Microsoft 365 (Entra ID) or Google Workspace account. A provider is offered only when its
 * client id is set (the {@code HALLMONITOR_OIDC_*} environment variables, mapped in {@code application.yml}).
 *
 * @param microsoft        the Entra ID registration ({@code microsoft})
 * @param google           the Google Workspace registration ({@code google})
 * @param groupRoles       directory group (Entra object id, or a group name a provider puts in {@code groups}) to
 *                         the Hallmonitor role its members hold; the roles named here are decided by the directory
 * @param sessionLifetime  the longest a browser session opened with a provider lasts before the provider is asked
 *                         again (also capped by the ID token's own expiry)
 * @param breakGlassAdmins usernames of administrators who may still use a password when password sign-in is off
 * @param discoveryRetry   how long after a failed discovery of a provider before it is tried again
 */
@ConfigurationProperties("hallmonitor.oidc")
public record OidcProperties(
        /** The Entra ID registration. */ Microsoft microsoft,
        /** The Google Workspace registration. */ Google google,
        /** Directory group to the Hallmonitor role its members hold. */ Map<String, Role> groupRoles,
        /** The longest a provider sign-in session lasts before the provider is asked again. */ Duration sessionLifetime,
        /** Administrators who may still use a password when password sign-in is off. */ List<String> breakGlassAdmins,
        /** Wait after a failed discovery of a provider before trying again. */ Duration discoveryRetry) {

    public OidcProperties {
        microsoft = microsoft == null ? new Microsoft(null, null, null, null) : microsoft;
        google = google == null ? new Google(null, null, null, null) : google;
        groupRoles = groupRoles == null ? Map.of() : Map.copyOf(groupRoles);
        sessionLifetime = sessionLifetime == null ? Duration.ofHours(1) : sessionLifetime;
        breakGlassAdmins = breakGlassAdmins == null || breakGlassAdmins.isEmpty() ? List.of("admin")
                : breakGlassAdmins.stream().map(String::trim).filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT)).toList();
        discoveryRetry = discoveryRetry == null ? Duration.ofSeconds(30) : discoveryRetry;
        if (groupRoles.containsValue(Role.ADMIN)) {
            // the trust-wide role stays a deliberate grant in Hallmonitor: a directory group edit must not mint one
            throw new IllegalArgumentException("hallmonitor.oidc.group-roles cannot map a group to ADMIN; grant ADMIN"
                    + " on the staff record instead");
        }
        if (google.configured() && blank(google.hostedDomain())) {
            throw new IllegalArgumentException("HALLMONITOR_OIDC_GOOGLE_HOSTED_DOMAIN must be set with"
                    + " HALLMONITOR_OIDC_GOOGLE_CLIENT_ID: without it any Google account, including a personal one made"
                    + " with a school address, could sign in");
        }
        if (microsoft.configured() && blank(microsoft.tenant()) && blank(microsoft.issuer())) {
            throw new IllegalArgumentException("HALLMONITOR_OIDC_MICROSOFT_TENANT (the directory (tenant) id) must be"
                    + " set with HALLMONITOR_OIDC_MICROSOFT_CLIENT_ID");
        }
    }

    /**
     * Entra ID (Microsoft 365).
     *
     * @param tenant       the directory (tenant) id of the school or trust: only accounts of this tenant sign in
     * @param clientId     the app registration's application (client) id
     * @param clientSecret the app registration's client secret
     * @param issuer       overrides {@code https://login.microsoftonline.com/<tenant>/v2.0} (tests, sovereign clouds)
     */
    public record Microsoft(
            /** The directory (tenant) id; only accounts of this tenant sign in. */ String tenant,
            /** The application (client) id. */ String clientId,
            /** The client secret. */ String clientSecret,
            /** Overrides the public-cloud issuer (tests, sovereign clouds). */ String issuer) {

        public boolean configured() {
            return !blank(clientId);
        }

        /** The issuer whose discovery document describes the tenant. */
        public String issuerUri() {
            return !blank(issuer) ? issuer.trim() : "https://login.microsoftonline.com/" + tenant.trim() + "/v2.0";
        }
    }

    /**
     * Google Workspace.
     *
     * @param clientId     the OAuth client id
     * @param clientSecret the OAuth client secret
     * @param hostedDomain the Workspace domain ({@code hd}) every account must belong to
     * @param issuer       overrides {@code https://accounts.google.com} (tests)
     */
    public record Google(
            /** The OAuth client id. */ String clientId,
            /** The OAuth client secret. */ String clientSecret,
            /** The Workspace domain every account must belong to. */ String hostedDomain,
            /** Overrides https://accounts.google.com (tests). */ String issuer) {

        public boolean configured() {
            return !blank(clientId);
        }

        public String issuerUri() {
            return !blank(issuer) ? issuer.trim() : "https://accounts.google.com";
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
