package uk.hallmonitor.sla.calendar.internal;

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
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;

/**
 * A school's working-day calendar as a page ({@code /ui/admin/schools/{id}/calendar}): close of day, how the
 * response window is read, and the closures (INSET days, holidays). It goes through the same calendar endpoints as
 * the API, so the same rules, compare-and-set and audit apply. Kept in this package because the calendar's types
 * are the module's own.
 */
@PageController
record CalendarPages(SlaCalendarController calendars, SchoolDirectory directory) {

    private static final Map<String, String> LABELS = Map.of("closeOfDay", "Close of day", "windowReading",
            "Response window", "from", "First closed day", "to", "Last closed day", "reason", "What it is");

    @GetMapping("/ui/admin/schools/{id}/calendar")
    Mono<Rendering> calendar(@PathVariable String id) {
        return page(id, Map.of(), List.of());
    }

    private Mono<Rendering> page(String id, Map<String, String> typed, List<ProblemFields.Shown> errors) {
        return calendars.calendar(id).zipWith(directory.school(id)).zipWith(Callers.current()).map(t -> {
            var calendar = t.getT1().getT1();
            boolean mayChange = t.getT2().hasAnyIn(id, uk.hallmonitor.system.security.Role.ADMIN,
                    uk.hallmonitor.system.security.Role.SLT);
            return Rendering.view("sla/calendar")
                    .modelAttribute("calendar", calendar)
                    .modelAttribute("school", t.getT1().getT2())
                    .modelAttribute("mayChange", mayChange)
                    .modelAttribute("typed", typed)
                    .modelAttribute("errors", errors)
                    .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                    .build();
        });
    }

    @PostMapping("/ui/admin/schools/{id}/calendar")
    Mono<Rendering> change(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> typed = Map.of("closeOfDay", value(form, "closeOfDay"),
                    "windowReading", value(form, "windowReading"));
            CalendarChange change = new CalendarChange(typed.get("closeOfDay").strip(),
                    typed.get("windowReading"), "yes".equals(value(form, "excludePraise")), null);
            return calendars.change(id, change)
                    .flatMap(saved -> done(exchange, id, "Saved the working day: it ends at " + saved.closeOfDay()))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? page(id, typed, ProblemFields.of(e, LABELS)) : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/schools/{id}/closures")
    Mono<Rendering> addClosure(@PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            Map<String, String> typed = Map.of("from", value(form, "from"), "to", value(form, "to"),
                    "reason", value(form, "reason"));
            return calendars.addClosure(id, new CalendarChange.ClosureInput(typed.get("from"), typed.get("to"),
                    typed.get("reason").strip()))
                    .flatMap(saved -> done(exchange, id, "Added the closure " + typed.get("reason").strip() + " ("
                            + typed.get("from") + " to " + typed.get("to") + ")"))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? page(id, typed, ProblemFields.of(e, LABELS)) : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/schools/{id}/closures/{closureId}/remove")
    Mono<Rendering> removeClosure(@PathVariable String id, @PathVariable String closureId, ServerWebExchange exchange) {
        return calendars.removeClosure(id, closureId).then(done(exchange, id, "Removed the closure"));
    }

    private static Mono<Rendering> done(ServerWebExchange exchange, String id, String message) {
        return Flash.set(exchange, message).thenReturn(Rendering.redirectTo("/ui/admin/schools/" + id + "/calendar")
                .status(HttpStatus.SEE_OTHER).build());
    }

    private static String value(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null ? "" : value;
    }
}
