package uk.hallmonitor.system.security;

import java.time.Duration;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.CookieWebSessionIdResolver;

/**
 * The browser session cookie: HttpOnly, {@code SameSite=Lax}, and {@code Secure} whenever the browser reached us over
 * HTTPS, directly or through a trusted TLS-terminating proxy ({@code X-Forwarded-Proto: https}).
 */
final class SessionCookies extends CookieWebSessionIdResolver {

    private final ClientAddresses addresses;

    SessionCookies(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void setSessionId(ServerWebExchange exchange, String id) {
        exchange.getResponse().getCookies().set(getCookieName(), cookie(exchange, id, getCookieMaxAge()));
    }

    @Override
    public void expireSession(ServerWebExchange exchange) {
        exchange.getResponse().getCookies().set(getCookieName(), cookie(exchange, "", Duration.ZERO));
    }

    private ResponseCookie cookie(ServerWebExchange exchange, String value, Duration maxAge) {
        return ResponseCookie.from(getCookieName(), value)
                .path(exchange.getRequest().getPath().contextPath().value() + "/")
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(addresses.secure(exchange))
                .sameSite("Lax")
                .build();
    }
}
