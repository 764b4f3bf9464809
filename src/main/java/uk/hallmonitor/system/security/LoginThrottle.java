package uk.hallmonitor.system.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per (username, source address) and refuses further attempts from that address for a while
 * after too many, so passwords cannot be guessed at speed, while someone guessing from one place cannot lock the
 * real user (an administrator, say) out everywhere. Kept per instance: behind a load balancer each instance throttles
 * on its own. An administrator can lift every lock of a username ({@link LoginLocks#unlock}).
 */
@Component
class LoginThrottle implements LoginLocks {

    private record Key(String username, String address) {
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    private final ConcurrentHashMap<Key, Failures> failures = new ConcurrentHashMap<>();
    private final SecurityProperties properties;
    private final Clock clock;

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    boolean locked(String username, String address) {
        Failures f = failures.get(key(username, address));
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    void failed(String username, String address) {
        failures.compute(key(username, address), (k, f) -> {
            int count = (f == null || (f.lockedUntil() != null && !clock.instant().isBefore(f.lockedUntil())))
                    ? 1 : f.count() + 1;
            Instant until = count >= properties.maxFailedLogins() ? clock.instant().plus(properties.lockout()) : null;
            return new Failures(count, until);
        });
    }

    void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    @Override
    public int unlock(String username) {
        String name = normal(username);
        int before = failures.size();
        failures.keySet().removeIf(k -> k.username().equals(name));
        return Math.max(0, before - failures.size());
    }

    @Override
    public boolean locked(String username) {
        String name = normal(username);
        Instant now = clock.instant();
        return failures.entrySet().stream().anyMatch(entry -> entry.getKey().username().equals(name)
                && entry.getValue().lockedUntil() != null && now.isBefore(entry.getValue().lockedUntil()));
    }

    private static Key key(String username, String address) {
        return new Key(normal(username), address == null ? "" : address);
    }

    private static String normal(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
