package uk.hallmonitor.system.web;

import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The confirmation shown once on the page a form redirects to ("Approved: @OakfieldSports is now being set up"):
 * WebFlux has no flash attributes, so it waits in the session until the next page takes it.
 */
public final class Flash {

    static final String KEY = "hallmonitor.flash";
    // set on the exchange that sets a message: its own redirect must not take the message it is carrying
    private static final String SET_HERE = "hallmonitor.flash.set-here";

    private Flash() {
    }

    public static Mono<Void> set(ServerWebExchange exchange, String message) {
        exchange.getAttributes().put(SET_HERE, Boolean.TRUE);
        return exchange.getSession().doOnNext(session -> session.getAttributes().put(KEY, message)).then();
    }

    /**
     * The waiting message, removed from the session. The page model's attributes are resolved when any view renders,
     * the redirect after a POST included, so the request that set the message leaves it for the next page.
     */
    static Mono<String> take(ServerWebExchange exchange) {
        return Mono.defer(() -> exchange.getAttributes().containsKey(SET_HERE) ? Mono.<String>empty()
                : exchange.getSession().mapNotNull(session -> (String) session.getAttributes().remove(KEY)));
    }
}
