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
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks a username and password (HTTP Basic and the login form) against the staff records, with throttling per
 * (username, source address). An unknown username is checked against a dummy BCrypt hash, so the answer takes as
 * long as for a real user with a wrong password.
 * BCrypt is deliberately slow, so a verified (hash, password digest) pair is remembered: API clients sending Basic
 * on every request pay the BCrypt cost once, and a changed password or a leaver is still refused at once because
 * the stored hash and the active flag are read on every request.
 */
@Component
class PasswordLogin implements ReactiveAuthenticationManager {

    private final StaffLogins logins;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final ClientAddresses addresses;
    private final SignInSettings settings;
    private final java.time.Clock clock;
    private final ConcurrentHashMap<String, String> verified = new ConcurrentHashMap<>();
    // compared against for unknown usernames, so that they cost the same BCrypt work as known ones
    private final String dummyHash;

    PasswordLogin(StaffLogins logins, PasswordEncoder encoder, LoginThrottle throttle, ClientAddresses addresses,
                  SignInSettings settings, java.time.Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.logins = logins;
        this.encoder = encoder;
        this.throttle = throttle;
        this.addresses = addresses;
        this.dummyHash = encoder.encode(ApiTokens.newToken());
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        return Mono.deferContextual(context -> {
            String address = context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
                    .map(addresses::of).orElse("");
            if (throttle.locked(username, address)) {
                return Mono.error(new LockedException("too many failed logins; try again later"));
            }
            return logins.byUsername(username)
                    .map(java.util.Optional::of)
                    .defaultIfEmpty(java.util.Optional.empty())
                    .flatMap(found -> found.isPresent() ? check(found.get(), username, password, address)
                            : unknown(username, password, address));
        });
    }

    /** An unknown username takes as long to refuse as a wrong password, so timing does not tell who exists. */
    private Mono<Authentication> unknown(String username, String password, String address) {
        return Mono.fromCallable(() -> encoder.matches(password, dummyHash))
                .subscribeOn(Schedulers.boundedElastic())
                .then(Mono.defer(() -> {
                    throttle.failed(username, address);
                    return Mono.error(new BadCredentialsException("wrong username or password"));
                }));
    }

    private Mono<Authentication> check(StaffCredentials login, String username, String password, String address) {
        String digest = sha256(login.passwordHash() + '\u0000' + password);
        Mono<Boolean> matches = digest.equals(verified.get(username))
                ? Mono.just(true)
                : Mono.fromCallable(() -> encoder.matches(password,
                        login.passwordHash() != null ? login.passwordHash() : dummyHash)
                        && login.passwordHash() != null)
                        .subscribeOn(Schedulers.boundedElastic());
        return matches.flatMap(ok -> {
            if (!ok) {
                throttle.failed(username, address);
                verified.remove(username);
                return Mono.error(new BadCredentialsException("wrong username or password"));
            }
            if (!login.active()) {
                return Mono.error(new DisabledException("this account has been closed"));
            }
            throttle.succeeded(username, address);
            verified.put(username, digest);
            Mono<Boolean> allowed = settings == null || settings.breakGlass(login.caller()) ? Mono.just(true)
                    : settings.passwords();
            return allowed.flatMap(yes -> yes
                    ? Mono.just(new AuthenticatedStaff(login.caller(), SignIn.password(clock.instant())))
                    : Mono.error(new DisabledException("password sign-in is turned off; sign in with Microsoft or"
                            + " Google (API clients: use a personal API token)")));
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
