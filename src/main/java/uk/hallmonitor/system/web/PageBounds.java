package uk.hallmonitor.system.web;

import java.nio.charset.StandardCharsets;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses a {@code page} whose offset the store cannot skip to, on every listing at once. The driver takes a 32-bit
 * skip, so {@code page=2147483647} would wrap round and quietly answer with the first page; it is a 400 naming
 * {@code page} instead (after authentication: strangers still get 401). Each listing still checks its own range ({@link Paging}).
 */
@Component
@Order(0)
class PageBounds implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String page = exchange.getRequest().getQueryParams().getFirst("page");
        if (page == null || !page.matches("\\d{1,10}")) {
            return chain.filter(exchange);
        }
        String sizeText = exchange.getRequest().getQueryParams().getFirst("size");
        long size = sizeText != null && sizeText.matches("\\d{1,4}") ? Math.max(1, Long.parseLong(sizeText)) : 50;
        if (Long.parseLong(page) * size <= Integer.MAX_VALUE) {
            return chain.filter(exchange);
        }
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String message = "is far past the last page; at size " + size + " the largest page is "
                + (Integer.MAX_VALUE / size) + " (the answer's total says how many items there are)";
        String body = "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,\"detail\":\"page: "
                + message + "\",\"instance\":\"" + exchange.getRequest().getPath().value().replace("\"", "")
                + "\",\"errors\":[{\"field\":\"page\",\"message\":\"" + message + "\"}]}";
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
