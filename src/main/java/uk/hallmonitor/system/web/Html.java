package uk.hallmonitor.system.web;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/** The small server-rendered pages: one layout, escaping, and the CSRF field every form needs. */
public final class Html {

    private Html() {
    }

    /**
     * HTML-escapes text for a page. {@code %} is escaped too ({@code &#37;}, which browsers show as {@code %}), so that
     * no text a user typed can ever contain a placeholder such as {@code %CSRF%} that {@link #render} fills in.
     */
    public static String escape(Object value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value.toString()).replace("%", "&#37;");
    }

    /** A whole page with the navigation. {@code body} must already be escaped. */
    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s · Hallmonitor</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/css/app.css"></head><body>
                <a class="skip-link" href="#main">Skip to main content</a>
                <nav aria-label="Main"><a href="/">Home</a> <a href="/ui/applications">Applications</a><a href="/ui/review">SLT review</a><a href="/ui/accounts">Account register</a><a href="/ui/safeguarding-alerts">Safeguarding alerts</a>
                <form class="inline" method="post" action="/logout">%s<button>Log out</button></form></nav>
                <main id="main" tabindex="-1"><h1>%s</h1>
                %s
                </main>
                </body></html>
                """.formatted(escape(title), "%CSRF%", escape(title), body);
    }

    /** Renders the page with the request's CSRF token put into every form that asks for it. */
    public static Mono<String> render(ServerWebExchange exchange, String title, String body) {
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return banners(exchange).flatMap(banner -> token.map(csrf -> page(title, banner + body).replace("%CSRF%",
                        "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
                                + escape(csrf.getToken()) + "\">"))
                .defaultIfEmpty(page(title, banner + body).replace("%CSRF%", "")));
    }

    /** What the modules' {@link PageNotices} want shown at the top of every page for this caller. */
    private static Mono<String> banners(ServerWebExchange exchange) {
        org.springframework.context.ApplicationContext context = exchange.getApplicationContext();
        if (context == null) {
            return Mono.just("");
        }
        // a banner that cannot be read must not take the page down with it
        return reactor.core.publisher.Flux.fromStream(context.getBeanProvider(PageNotices.class).orderedStream())
                .concatMap(notices -> notices.banner().onErrorResume(error -> Mono.empty()))
                .collect(java.util.stream.Collectors.joining());
    }

    /** A problem's detail and field errors as an error box. */
    public static String problem(Throwable error) {
        if (error instanceof org.springframework.web.ErrorResponseException e && e.getBody() != null) {
            StringBuilder box = new StringBuilder("<div class=\"problem\"><strong>").append(escape(e.getBody().getDetail()))
                    .append("</strong>");
            Object reasons = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("reasons");
            if (reasons instanceof java.util.List<?> list) {
                box.append("<ul>");
                list.forEach(r -> box.append("<li>").append(escape(r)).append("</li>"));
                box.append("</ul>");
            }
            return box.append("</div>").toString();
        }
        return "<div class=\"problem\">Something went wrong; nothing was changed.</div>";
    }
}
