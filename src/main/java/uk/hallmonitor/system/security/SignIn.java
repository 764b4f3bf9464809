package uk.hallmonitor.system.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How and when the caller of a request proved who they are: what the step-up for secrets reads.
 *
 * @param method    {@code password} (login form or HTTP Basic, checked with this request or at session start),
 *                  {@code token} (personal API token) or {@code oidc:<registration>}
 * @param at        when they last authenticated (the provider's {@code auth_time} for OIDC); {@code null} when unknown
 * @param methods   the provider's {@code amr} values (empty for passwords and tokens)
 * @param expiresAt when a provider sign-in stops being accepted; {@code null} for passwords and tokens
 */
public record SignIn(String method, Instant at, Set<String> methods, Instant expiresAt) {

    public SignIn {
        methods = methods == null ? Set.of() : Set.copyOf(methods);
    }

    static SignIn password(Instant at) {
        return new SignIn("password", at, Set.of(), null);
    }

    static SignIn token() {
        return new SignIn("token", null, Set.of(), null);
    }

    /** Whether the caller authenticated no longer than {@code window} before {@code now}. */
    public boolean recent(Instant now, Duration window) {
        return at != null && !at.isAfter(now.plusSeconds(60)) && !at.isBefore(now.minus(window));
    }

    /** Whether the provider reported multi-factor authentication ({@code amr} contains {@code mfa}). */
    public boolean multiFactor() {
        return methods.contains("mfa");
    }
}
