package uk.hallmonitor.vault;

import java.util.Locale;

/** What sort of secret a credential holds; only passwords are checked against the password policy. */
public enum SecretKind {
    /** A password someone types to log in to the account. */
    PASSWORD,
    /** An API key, consumer key or consumer secret. */
    API_KEY,
    /** An API token such as an app-only bearer token or an app password. */
    API_TOKEN,
    /** An OAuth access token (or access token secret). */
    OAUTH_ACCESS_TOKEN,
    /** An OAuth refresh token. */
    OAUTH_REFRESH_TOKEN,
    /** The account's recovery codes. */
    RECOVERY_CODES,
    /** The seed of a 2FA authenticator (TOTP). */
    TWO_FACTOR_SEED,
    /** Anything else. */
    OTHER;

    /**
     * The kind a secret name suggests when the caller does not say, e.g. {@code password} is a password,
     * {@code refreshToken} an OAuth refresh token and {@code appPassword} (a generated Bluesky app password) an API token.
     */
    public static SecretKind guessFrom(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("recovery") || n.contains("backupcode")) {
            return RECOVERY_CODES;
        }
        if (n.contains("totp") || n.contains("2fa") || n.contains("otp") || n.contains("seed")) {
            return TWO_FACTOR_SEED;
        }
        if (n.contains("refresh")) {
            return OAUTH_REFRESH_TOKEN;
        }
        if (n.startsWith("access") || n.contains("oauth")) {
            return OAUTH_ACCESS_TOKEN;
        }
        if (n.contains("apppassword") || n.contains("token")) {
            return API_TOKEN;
        }
        if (n.contains("password") || n.equals("pin")) {
            return PASSWORD;
        }
        if (n.contains("key") || n.contains("secret")) {
            return API_KEY;
        }
        return OTHER;
    }
}
