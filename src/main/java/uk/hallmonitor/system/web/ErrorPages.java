package uk.hallmonitor.system.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import reactor.core.publisher.Mono;

/**
 * The error pages of the browser: a refusal (403), a page that is not there (404), a failure (500) or any other
 * problem on {@code /} or a {@code /ui} path, asked for by a browser (it accepts {@code text/html}), is shown in the
 * layout with the masthead and navigation and a way home, not as JSON. The API, and any client that does not ask for
 * HTML, keeps its RFC 9457 problem; the status code is the same either way.
 */
@Component
record ErrorPages(PageModel model, ObjectProvider<ITemplateEngine> templates) {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
    private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    /** Whether the request is a browser's, for a page: {@code /} or under {@code /ui}, accepting HTML by name. */
    static boolean wanted(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        if (!path.equals("/") && !path.equals("/ui") && !path.startsWith("/ui/")) {
            return false;
        }
        try {
            return exchange.getRequest().getHeaders().getAccept().stream()
                    .anyMatch(type -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
        } catch (InvalidMediaTypeException unreadable) {
            return false;
        }
    }

    /** The page for the problem, with its status; empty when it cannot be drawn (the caller then answers JSON). */
    Mono<ResponseEntity<Object>> render(ProblemDetail problem, ServerWebExchange exchange) {
        ITemplateEngine engine = templates.getIfAvailable();
        if (engine == null) {
            return Mono.empty();
        }
        Mono<Optional<PageFrame>> frame = model.frameFor(exchange).map(Optional::of)
                .onErrorResume(notLoggedIn -> Mono.just(Optional.empty())).defaultIfEmpty(Optional.empty());
        Mono<Optional<CsrfToken>> csrf = exchange.<Mono<CsrfToken>>getAttributeOrDefault(CsrfToken.class.getName(),
                Mono.empty()).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(frame, csrf).flatMap(found -> {
            int status = problem.getStatus();
            Context context = new Context(Locale.UK);
            context.setVariable("heading", heading(status));
            context.setVariable("status", status);
            context.setVariable("detail", status >= 500 ? null : problem.getDetail());
            context.setVariable("errors", errors(problem));
            context.setVariable("frame", found.getT1().orElse(null));
            context.setVariable("_csrf", found.getT2().orElse(null));
            context.setVariable("currentPath", exchange.getRequest().getPath().value());
            context.setVariable("notices", List.of());
            context.setVariable("flash", null);
            try {
                String html = engine.process("errors/problem", context);
                return Mono.just(ResponseEntity.status(status).contentType(HTML).<Object>body(html));
            } catch (RuntimeException failed) {
                log.error("the error page for {} could not be drawn; answering JSON", status, failed);
                return Mono.<ResponseEntity<Object>>empty();
            }
        });
    }

    static String heading(int status) {
        return switch (status) {
            case 403 -> "You don't have access to this page";
            case 404 -> "Page not found";
            case 409 -> "Someone else changed this first";
            case 413 -> "What you sent is too large";
            default -> status >= 500 ? "Sorry, there is a problem with the service" : "There is a problem";
        };
    }

    /** The problem's field errors as sentences, for a 400. */
    private static List<String> errors(ProblemDetail problem) {
        Object errors = problem.getProperties() == null ? null : problem.getProperties().get("errors");
        if (!(errors instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(item -> item instanceof Problems.FieldError error
                ? error.field() + ": " + error.message() : String.valueOf(item)).toList();
    }
}
