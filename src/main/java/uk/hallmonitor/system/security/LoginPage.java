package uk.hallmonitor.system.security;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * The browser login page: "Sign in with Microsoft" / "Sign in with Google" for each provider configured (shown as
 * unavailable while its discovery fails), beside the password form, which is offered to the break-glass
 * administrators only once passwords are switched off. {@code ?reauth} is the step-up page: every provider link
 * forces a fresh sign-in.
 */
@RestController
record LoginPage(OidcProviders providers, SignInSettings settings) {

    /** What each refusal code means to the person refused. */
    private static final Map<String, String> REASONS = Map.of(
            OidcClaims.UNKNOWN,
            "Your account is not known to Hallmonitor. Ask an administrator to add your email address to your staff record.",
            OidcClaims.AMBIGUOUS,
            "More than one staff record has your email address. Ask an administrator to correct them.",
            OidcClaims.UNVERIFIED, "Your provider has not verified your email address.",
            OidcClaims.WRONG_DOMAIN, "Only accounts of the school's Google Workspace domain may sign in.",
            OidcClaims.WRONG_TENANT, "Only accounts of the school's Microsoft 365 organisation may sign in.",
            OidcClaims.NO_EMAIL, "Your provider sent no email address for your account.",
            OidcClaims.UNAVAILABLE, "That sign-in provider cannot be reached just now. Try again in a minute.",
            "access_denied", "The sign-in provider refused the sign-in. Your account may be disabled.");

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> login(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        var query = exchange.getRequest().getQueryParams();
        boolean reauth = query.containsKey("reauth");
        String message = !query.containsKey("error") ? ""
                : "oidc".equals(query.getFirst("error"))
                        ? REASONS.getOrDefault(query.getFirst("reason"),
                                "Signing in with the provider did not work. Try again, or ask an administrator.")
                : "Wrong username or password, too many attempts, or password sign-in is turned off for you.";
        return Mono.zip(token, providers.statuses(), settings.passwords()).map(all -> {
            CsrfToken csrf = all.getT1();
            List<OidcProviders.Status> statuses = all.getT2();
            boolean passwords = all.getT3() || statuses.isEmpty();
            StringBuilder buttons = new StringBuilder();
            for (OidcProviders.Status provider : statuses) {
                String label = "Sign in with " + HtmlUtils.htmlEscape(provider.label());
                buttons.append(provider.available()
                        ? "<p><a class=\"button\" href=\"/oauth2/authorization/" + provider.id()
                                + (reauth ? "?reauth" : "") + "\">" + label + "</a></p>\n"
                        : "<p><button type=\"button\" disabled>" + label + " (unavailable)</button> "
                                + HtmlUtils.htmlEscape(provider.label())
                                + " cannot be reached just now; this page tries again each time it is loaded.</p>\n");
            }
            String form = """
                    <form method="post" action="/login">
                      <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
                      <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
                      <input type="hidden" name="%s" value="%s">
                      <button type="submit">Log in</button>
                    </form>
                    """.formatted(HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
            String local = statuses.isEmpty() ? form
                    : passwords ? "<h2>Or use your Hallmonitor password</h2>\n" + form
                    : "<details><summary>Break-glass administrator</summary>\n"
                            + "<p>Password sign-in is turned off for staff. Only the break-glass administrator may use it.</p>\n"
                            + form + "</details>\n";
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
                    <!DOCTYPE html>
                    <html lang="en-GB"><head><meta charset="utf-8"><title>Hallmonitor: log in</title>
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <link rel="stylesheet" href="/css/app.css">
                    </head><body>
                    <main id="main" class="narrow"><h1>%s</h1>
                    %s%s%s%s</main></body></html>
                    """.formatted(reauth ? "Sign in again" : "Log in to Hallmonitor",
                    reauth ? "<p>Revealing a secret needs a sign-in within the last 15 minutes"
                            + " (with your second factor where the school asks for it).</p>\n" : "",
                    message.isEmpty() ? ""
                            : "<p class=\"problem\" role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>\n",
                    buttons, local));
        });
    }
}
