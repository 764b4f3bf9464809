package uk.hallmonitor.system.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Reads the {@link Caller} of the current request from the reactive security context. */
public final class Callers {

    private Callers() {
    }

    /** The authenticated caller; errors with 401 when there is none. */
    public static Mono<Caller> current() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(StaffPrincipal::of)
                .map(StaffPrincipal::caller)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "log in first")));
    }

    /** How the caller of the current request signed in; empty outside a request (in-process callers). */
    public static Mono<SignIn> signIn() {
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(StaffPrincipal::of)
                .mapNotNull(StaffPrincipal::signIn);
    }
}
