package uk.hallmonitor.system.security;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/** The browser login form, with its CSRF token. */
@RestController
class LoginPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> login(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        boolean failed = exchange.getRequest().getQueryParams().containsKey("error");
        return token.map(csrf -> ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
                <!DOCTYPE html>
                <html lang="en-GB"><head><meta charset="utf-8"><title>Hallmonitor: log in</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/css/app.css">
                </head><body>
                <main id="main" class="narrow"><h1>Log in to Hallmonitor</h1>
                %s
                <form method="post" action="/login">
                  <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
                  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">Log in</button>
                </form>
                </main></body></html>
                """.formatted(failed ? "<p class=\"problem\" role=\"alert\">Wrong username or password, or too many attempts.</p>" : "",
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()))));
    }
}
