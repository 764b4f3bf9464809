package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and refuses further attempts for a while after too many, so passwords cannot
 * be guessed at speed. Kept per instance: behind a load balancer each instance throttles on its own.
 */
@Component
class LoginThrottle {

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
    private final SecurityProperties properties;
    private final Clock clock;

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    boolean locked(String username) {
        Failures f = failures.get(key(username));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    void failed(String username) {
        failures.compute(key(username), (k, f) -> {
            int count = (f == null || (f.lockedUntil() != null && !clock.instant().isBefore(f.lockedUntil())))
                    ? 1 : f.count() + 1;
            Instant until = count >= properties.maxFailedLogins() ? clock.instant().plus(properties.lockout()) : null;
            return new Failures(count, until);
        });
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
