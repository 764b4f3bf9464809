package uk.hallmonitor.monitoring.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;

/**
 * Public-mention watches as pages ({@code /ui/watches}): the list with each watch's health in words, adding one and
 * changing its terms (ADMIN and the school's SLT). Connection settings are shown to those who may change them only;
 * staff and governors see the terms and the health. Kept in this package because the watch types are the module's
 * own.
 */
@PageController
record WatchPages(WatchStore watches, SchoolDirectory directory) {

    private static final Map<String, String> LABELS = Map.of("schoolId", "School", "platform", "Platform",
            "terms", "Search terms", "connection.url", "Feed address", "connection.baseUrl", "Server address");

    /** A watch's health as a sentence and a tag. */
    record Health(String tag, String words, String detail) {
    }

    /** A watch with its school's name and its health in words. */
    record Row(WatchView watch, String schoolName, Health health) {
    }

    /** The health in words; {@code withErrors} adds the platform's last error, which may name the address used. */
    static Health health(WatchView.Health health, boolean withErrors) {
        if (health == null) {
            return new Health("tag muted", "Not searched yet", "The first search runs within minutes.");
        }
        return switch (health.state()) {
            case "OK" -> new Health("tag ok", "Working", health.warnings() == null || health.warnings().isEmpty()
                    ? null : String.join("; ", health.warnings()));
            case "DEGRADED" -> new Health("tag warn", "Some searches failed", (health.consecutiveFailures() == 1
                    ? "The last search failed" : "The last " + health.consecutiveFailures() + " searches failed")
                    + "; it keeps trying." + lastError(health, withErrors));
            case "UNAUTHORIZED" -> new Health("tag bad", "Not allowed in", "The platform refused the credentials:"
                    + " store new ones." + lastError(health, withErrors));
            default -> new Health("tag bad", "Failing", "No search has worked for a while."
                    + lastError(health, withErrors));
        };
    }

    private static String lastError(WatchView.Health health, boolean withErrors) {
        return withErrors && health.lastError() != null ? " Last problem: " + health.lastError() : "";
    }

    @GetMapping("/ui/watches")
    Mono<Rendering> list() {
        return Callers.current().flatMap(caller -> page(caller, Map.of(), List.of()));
    }

    private Mono<Rendering> page(Caller caller, Map<String, String> typed, List<ProblemFields.Shown> errors) {
        return directory.schools().filter(school -> caller.canSee(school.id())).collectList()
                .flatMap(schools -> watches.list(caller, null, 0, 200).map(page -> {
                    Map<String, String> names = new LinkedHashMap<>();
                    schools.forEach(s -> names.put(s.id(), s.name()));
                    List<Row> rows = page.items().stream()
                            .map(w -> new Row(w, names.getOrDefault(w.schoolId(), ""), health(w.health(),
                                    caller.hasAnyIn(w.schoolId(), Role.ADMIN, Role.SLT))))
                            .toList();
                    List<SchoolView> changeable = schools.stream()
                            .filter(s -> caller.hasAnyIn(s.id(), Role.ADMIN, Role.SLT)).toList();
                    return Rendering.view("monitoring/watches")
                            .modelAttribute("rows", rows)
                            .modelAttribute("schools", changeable)
                            .modelAttribute("mayChange", !changeable.isEmpty())
                            .modelAttribute("platforms", Arrays.stream(Platform.values()).map(Enum::name).toList())
                            .modelAttribute("typed", typed)
                            .modelAttribute("errors", errors)
                            .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                            .build();
                }));
    }

    @PostMapping("/ui/watches")
    Mono<Rendering> create(ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            Map<String, String> typed = typed(t.getT2(), "schoolId", "platform", "terms", "url", "baseUrl");
            Map<String, String> connection = new LinkedHashMap<>();
            if (!typed.get("url").isBlank()) {
                connection.put("url", typed.get("url").strip());
            }
            if (!typed.get("baseUrl").isBlank()) {
                connection.put("baseUrl", typed.get("baseUrl").strip());
            }
            WatchRequest request = new WatchRequest(typed.get("schoolId"), typed.get("platform"),
                    lines(typed.get("terms")), connection);
            return watches.create(caller, request)
                    .flatMap(saved -> done(exchange, "Now watching " + saved.platform() + " for "
                            + String.join(", ", saved.terms())))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? page(caller, typed, terms(ProblemFields.of(e, LABELS))) : Mono.error(e));
        });
    }

    @GetMapping("/ui/watches/{id}")
    Mono<Rendering> watch(@PathVariable String id) {
        return Callers.current().flatMap(caller -> one(caller, id, null, List.of()));
    }

    private Mono<Rendering> one(Caller caller, String id, String typedTerms, List<ProblemFields.Shown> errors) {
        return watches.get(caller, id).flatMap(watch -> directory.school(watch.schoolId()).map(SchoolView::name)
                .defaultIfEmpty("").map(school -> Rendering.view("monitoring/watch")
                        .modelAttribute("row", new Row(watch, school, health(watch.health(),
                                caller.hasAnyIn(watch.schoolId(), Role.ADMIN, Role.SLT))))
                        .modelAttribute("mayChange", caller.hasAnyIn(watch.schoolId(), Role.ADMIN, Role.SLT))
                        .modelAttribute("terms", typedTerms != null ? typedTerms : String.join("\n", watch.terms()))
                        .modelAttribute("errors", errors)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build()));
    }

    @PostMapping("/ui/watches/{id}/terms")
    Mono<Rendering> changeTerms(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            String typed = t.getT2().getFirst("terms") == null ? "" : t.getT2().getFirst("terms");
            return watches.changeTerms(t.getT1(), id, lines(typed))
                    .flatMap(saved -> done(exchange, "Saved the search terms: " + String.join(", ", saved.terms())))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? one(t.getT1(), id, typed, terms(ProblemFields.of(e, LABELS))) : Mono.error(e));
        });
    }

    /** Every problem with one term ({@code terms[3]}) is shown at the terms box, naming the line. */
    private static List<ProblemFields.Shown> terms(List<ProblemFields.Shown> shown) {
        return shown.stream().map(s -> s.field().startsWith("terms[")
                ? new ProblemFields.Shown("terms", "terms", "Search terms, line "
                        + (Integer.parseInt(s.field().replaceAll("\\D", "")) + 1) + ": " + s.text())
                : s).toList();
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static Map<String, String> typed(MultiValueMap<String, String> form, String... keys) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String key : keys) {
            String value = form.getFirst(key);
            typed.put(key, value == null ? "" : value);
        }
        return typed;
    }

    private static Mono<Rendering> done(ServerWebExchange exchange, String message) {
        return Flash.set(exchange, message)
                .thenReturn(Rendering.redirectTo("/ui/watches").status(HttpStatus.SEE_OTHER).build());
    }
}
