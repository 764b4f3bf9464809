package uk.hallmonitor.system.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The confirmation shown once on the page a form redirects to ("Approved: @OakfieldSports is now being set up"):
 * WebFlux has no flash attributes, so it waits in the session until the next page takes it.
 */
public final class Flash {

    static final String KEY = "hallmonitor.flash";

    private Flash() {
    }

    public static Mono<Void> set(ServerWebExchange exchange, String message) {
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(KEY, message)).then();
    }

    static Mono<String> take(ServerWebExchange exchange) {
        return exchange.getSession().mapNotNull(session -> (String) session.getAttributes().remove(KEY));
    }
}
