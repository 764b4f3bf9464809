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
     * The waiting confirmation, removed as it is shown. Only a page a browser navigates to takes it: the model of a
     * POST is resolved when its redirect is rendered, after the handler set the confirmation, and a script's fetch
     * or event stream must not swallow it either.
     */
    static Mono<String> take(ServerWebExchange exchange) {
        org.springframework.http.server.reactive.ServerHttpRequest request = exchange.getRequest();
        boolean page = org.springframework.http.HttpMethod.GET.equals(request.getMethod())
                && request.getHeaders().getAccept().stream().anyMatch(type -> type.isCompatibleWith(
                        org.springframework.http.MediaType.TEXT_HTML) && !type.isWildcardType());
        if (!page || exchange.getAttributes().containsKey(SET_HERE)) {
            return Mono.empty();
        }
        return exchange.getSession().mapNotNull(session -> (String) session.getAttributes().remove(KEY));
    }
}
