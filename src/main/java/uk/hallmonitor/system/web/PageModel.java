package uk.hallmonitor.system.web;

import java.time.ZoneId;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;

/**
 * Puts the frame, the CSRF token and the last action's confirmation into the model of every page (only
 * {@link PageController}s: the API does not pay for it).
 */
@ControllerAdvice(annotations = PageController.class)
class PageModel {

    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
    private static final String FRAME = PageModel.class.getName() + ".frame";

    private final List<PageFrameContributor> contributors;
    private final List<PageNotices> notices;

    PageModel(List<PageFrameContributor> contributors, List<PageNotices> notices) {
        this.contributors = contributors;
        this.notices = notices;
    }

    /**
     * The banners every page carries until someone acts (an undelivered CRITICAL safeguarding alert, mail not
     * configured), as the modules' {@link PageNotices} give them; the layout draws each with its button.
     */
    @ModelAttribute("notices")
    Mono<List<PageNotices.Banner>> notices() {
        // a banner that cannot be read must not take the page down with it
        return Flux.fromIterable(notices)
                .concatMap(source -> source.banners().onErrorResume(error -> Mono.empty()))
                .collectList();
    }

    @ModelAttribute("frame")
    Mono<PageFrame> frame(ServerWebExchange exchange) {
        return frameFor(exchange);
    }

    /**
     * The frame of this request, worked out once (the person's and school's names, zone, unread count) and kept on
     * the exchange: the page and, when it fails, its error page read the same one.
     */
    @SuppressWarnings("unchecked")
    Mono<PageFrame> frameFor(ServerWebExchange exchange) {
        return (Mono<PageFrame>) exchange.getAttributes().computeIfAbsent(FRAME,
                key -> Callers.current().flatMap(this::frameOf).cache());
    }

    @ModelAttribute("_csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        return exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
    }

    /** The path of the page, for {@code aria-current} in the navigation. */
    @ModelAttribute("currentPath")
    String currentPath(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    @ModelAttribute("flash")
    Mono<String> flash(ServerWebExchange exchange) {
        // async attributes are resolved when the view renders, which for a POST is the redirect itself: taking the
        // confirmation there would consume the one the handler has just set, so only a GET page takes it
        return HttpMethod.GET.equals(exchange.getRequest().getMethod()) ? Flash.take(exchange) : Mono.empty();
    }

    Mono<PageFrame> frameOf(Caller caller) {
        PageFrame start = new PageFrame(caller.username(), caller.isAdmin() ? "All schools" : "", DEFAULT_ZONE,
                caller.roles(), Navigation.forCaller(caller), 0, List.of());
        return Flux.fromIterable(contributors)
                .reduce(Mono.just(start), (frame, contributor) -> frame.flatMap(f -> contributor.contribute(caller, f)
                        .defaultIfEmpty(f)))
                .flatMap(frame -> frame);
    }
}
