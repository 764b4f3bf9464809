package uk.hallmonitor.system.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Personal API tokens: random, shown once, stored only as their SHA-256 hash. */
public final class ApiTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    /** A new token, {@code hm_} followed by 32 random bytes in URL-safe Base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "hm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash under which a token is stored and looked up. */
    public static String hash(String token) {
        return PasswordLogin.sha256(token);
    }
}
