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
                .mapNotNull(authentication -> authentication instanceof StaffPrincipal principal
                        ? principal.caller() : null)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "log in first")));
    }
}
