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
                <html lang="en"><head><meta charset="utf-8"><title>Hallmonitor: log in</title>
                <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto}label,input,button{display:block;width:100%%;margin:.4rem 0}input{padding:.4rem}.error{color:#a00}</style>
                </head><body>
                <h1>Hallmonitor</h1>
                %s
                <form method="post" action="/login">
                  <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
                  <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">Log in</button>
                </form>
                </body></html>
                """.formatted(failed ? "<p class=\"error\">Wrong username or password, or too many attempts.</p>" : "",
                HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()))));
    }
}
