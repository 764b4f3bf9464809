package uk.hallmonitor.system.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password (HTTP Basic and the login form) against the staff records, with throttling.
 * BCrypt is deliberately slow, so a verified (hash, password digest) pair is remembered: API clients sending Basic
 * on every request pay the BCrypt cost once, and a changed password or a leaver is still refused at once because
 * the stored hash and the active flag are read on every request.
 */
@Component
class PasswordLogin implements ReactiveAuthenticationManager {

    private final StaffLogins logins;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();

    PasswordLogin(StaffLogins logins, PasswordEncoder encoder, LoginThrottle throttle) {
        this.logins = logins;
        this.encoder = encoder;
        this.throttle = throttle;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (throttle.locked(username)) {
            return Mono.error(new LockedException("too many failed logins; try again later"));
        }
        return logins.byUsername(username)
                .switchIfEmpty(Mono.defer(() -> {
                    throttle.failed(username);
                    return Mono.error(new BadCredentialsException("wrong username or password"));
                }))
                .flatMap(login -> check(login, username, password));
    }

    private Mono<Authentication> check(StaffCredentials login, String username, String password) {
        String digest = sha256(login.passwordHash() + '\u0000' + password);
        Mono<Boolean> matches = digest.equals(verified.get(username))
                ? Mono.just(true)
                : Mono.fromCallable(() -> login.passwordHash() != null && encoder.matches(password, login.passwordHash()))
                        .subscribeOn(Schedulers.boundedElastic());
        return matches.flatMap(ok -> {
            if (!ok) {
                throttle.failed(username);
                verified.remove(username);
                return Mono.error(new BadCredentialsException("wrong username or password"));
            }
            if (!login.active()) {
                return Mono.error(new DisabledException("this account has been closed"));
            }
            throttle.succeeded(username);
            verified.put(username, digest);
            return Mono.just(new AuthenticatedStaff(login.caller()));
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
