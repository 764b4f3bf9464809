package uk.hallmonitor.system.security;

import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * GOVERNOR is read-only: a caller whose only role is GOVERNOR may read whatever their school lets governors read,
 * and every request that could change something (any method but GET, HEAD, OPTIONS) is refused with a 403 problem
 * before it reaches a module. Logging in and out, and classifying a text, are not writes. Someone who is a governor and also holds a staff
 * role writes as that role.
 */
final class ReadOnlyRoles implements WebFilter {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    /** Logging in and out, and classifying a text (a POST that computes and stores nothing), are not writes. */
    private static final Set<String> SESSION_PATHS = Set.of("/login", "/logout", "/api/v1/classify");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (READS.contains(exchange.getRequest().getMethod())
                || SESSION_PATHS.contains(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .mapNotNull(context -> context.getAuthentication())
                .mapNotNull(StaffPrincipal::of)
                .map(principal -> readOnly(principal.caller()))
                .defaultIfEmpty(false)
                .flatMap(readOnly -> readOnly
                        ? SecurityConfiguration.problem(exchange, HttpStatus.FORBIDDEN, "Not allowed",
                                "GOVERNOR is a read-only role: governors can read reports and the audit trail but"
                                        + " change nothing; ask SLT or an administrator to make this change")
                        : chain.filter(exchange));
    }

    static boolean readOnly(Caller caller) {
        return !caller.roles().isEmpty() && caller.roles().stream().allMatch(role -> role == Role.GOVERNOR);
    }
}
