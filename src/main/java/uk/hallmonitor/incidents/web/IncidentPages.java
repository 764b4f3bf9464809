package uk.hallmonitor.incidents.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.incidents.Incident;
import uk.hallmonitor.incidents.IncidentCasework;
import uk.hallmonitor.incidents.IncidentStatus;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffNames;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.FormProblems;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;

/**
 * The incident log ({@code /ui/incidents}) with filters, and an incident's page: its trail, who leads on it
 * (picked by name from the school's DSLs, SLT and head), transitions (closing asks for the outcome), notes and the
 * posts it concerns.
 */
@PageController
record IncidentPages(IncidentCasework casework, SchoolDirectory schools, StaffNames names) {

    private static final int PAGE_SIZE = 25;
    private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    // what an incident logged by hand can be about: the classifier's categories (sealed, suspected illegal content
    // comes only from a post, never typed in)
    private static final List<String> CATEGORIES = java.util.Arrays.stream(
            uk.hallmonitor.classification.Category.values()).map(Enum::name).toList();

    @GetMapping("/ui/incidents")
    Mono<String> log(@RequestParam(required = false) String school, @RequestParam(required = false) String status,
                     @RequestParam(required = false) String severity, @RequestParam(required = false) String category,
                     @RequestParam(required = false) String owner, @RequestParam(defaultValue = "0") int page,
                     Model model) {
        return Callers.current().flatMap(caller -> schoolOf(caller, school, model).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just("moderation/choose-school");
            }
            SchoolView view = found.get();
            List<Problems.FieldError> errors = new ArrayList<>();
            IncidentStatus wantedStatus = null;
            if (status != null && !status.isBlank()) {
                try {
                    wantedStatus = IncidentStatus.valueOf(status.strip());
                } catch (IllegalArgumentException unknown) {
                    errors.add(new Problems.FieldError("status", "choose a status from the list"));
                }
            }
            String wantedSeverity = blank(severity);
            if (wantedSeverity != null && !SEVERITIES.contains(wantedSeverity)) {
                errors.add(new Problems.FieldError("severity", "choose a severity from the list"));
                wantedSeverity = null;
            }
            IncidentCasework.Filter filter = new IncidentCasework.Filter(wantedStatus, wantedSeverity,
                    blank(category), blank(owner));
            model.addAttribute("school", view);
            model.addAttribute("filter", filter);
            model.addAttribute("errors", errors);
            model.addAttribute("statuses", IncidentStatus.values());
            model.addAttribute("severities", SEVERITIES);
            return Mono.zip(casework.page(caller, view.id(), filter, Math.max(0, page), PAGE_SIZE),
                    casework.categories(view.id()), names.ofSchool(view.id()),
                    names.withAnyRole(view.id(), Role.DSL, Role.SLT, Role.HEADTEACHER).collectList())
                    .map(t -> {
                        model.addAttribute("incidents", t.getT1());
                        model.addAttribute("pages", (t.getT1().total() + PAGE_SIZE - 1) / PAGE_SIZE);
                        model.addAttribute("categories", t.getT2());
                        model.addAttribute("names", t.getT3());
                        model.addAttribute("owners", t.getT4());
                        model.addAttribute("canWrite", IncidentCasework.writes(caller, view.id()));
                        return "incidents/index";
                    });
        }));
    }

    @GetMapping("/ui/incidents/new")
    Mono<String> newIncident(@RequestParam(required = false) String school, Model model) {
        return Callers.current().flatMap(caller -> schoolOf(caller, school, model).flatMap(found -> found.isEmpty()
                ? Mono.just("moderation/choose-school")
                : opening(caller, found.get(), model, List.of(), Map.of())));
    }

    /** The form to log an incident; {@code typed} brings back what was sent when it is refused. */
    private Mono<String> opening(Caller caller, SchoolView school, Model model, List<Problems.FieldError> errors,
                                 Map<String, String> typed) {
        if (!IncidentCasework.writes(caller, school.id())) {
            return Mono.error(Problems.forbidden("incidents are logged by the DSL or SLT"));
        }
        return names.withAnyRole(school.id(), Role.DSL, Role.DEPUTY_DSL, Role.SLT, Role.HEADTEACHER).collectList()
                .map(owners -> {
                    model.addAttribute("school", school);
                    model.addAttribute("owners", owners);
                    model.addAttribute("categories", CATEGORIES);
                    model.addAttribute("severities", SEVERITIES);
                    model.addAttribute("errors", errors);
                    model.addAttribute("typed", typed);
                    return "incidents/new";
                });
    }

    @PostMapping("/ui/incidents")
    Mono<String> open(ServerWebExchange exchange, Model model) {
        return form(exchange).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            Map<String, String> typed = form.toSingleValueMap();
            return schoolOf(caller, blank(form.getFirst("school")), model).flatMap(found -> {
                if (found.isEmpty()) {
                    return Mono.just("moderation/choose-school");
                }
                SchoolView school = found.get();
                List<Problems.FieldError> errors = new ArrayList<>();
                String category = blank(form.getFirst("category"));
                if (category == null || !CATEGORIES.contains(category)) {
                    errors.add(new Problems.FieldError("category", "Choose what the incident is about"));
                }
                String severity = blank(form.getFirst("severity"));
                if (severity == null || !SEVERITIES.contains(severity)) {
                    errors.add(new Problems.FieldError("severity", "Choose how serious it is"));
                }
                String notes = blank(form.getFirst("notes"));
                if (notes == null) {
                    errors.add(new Problems.FieldError("notes", "Say what happened and how you heard of it"));
                } else if (notes.length() > 2000) {
                    errors.add(new Problems.FieldError("notes", "Shorten what happened to 2,000 characters or fewer"));
                }
                if (!errors.isEmpty()) {
                    return opening(caller, school, model, errors, typed);
                }
                return casework.open(caller, school.id(), category, severity, blank(form.getFirst("owner")), notes)
                        .flatMap(opened -> Flash.set(exchange, "Incident " + opened.id() + " logged: "
                                + new IncidentWords().words(opened.category()).toLowerCase(java.util.Locale.UK)
                                + ", " + new IncidentWords().words(opened.severity()).toLowerCase(java.util.Locale.UK)
                                + " severity").thenReturn("redirect:/ui/incidents/" + opened.id()))
                        .onErrorResume(org.springframework.web.ErrorResponseException.class,
                                e -> e.getStatusCode().value() == 400
                                        ? opening(caller, school, model, FormProblems.of(e, "category"), typed)
                                        : Mono.error(e));
            });
        });
    }

    @GetMapping("/ui/incidents/{id}")
    Mono<String> incident(@PathVariable String id, Model model) {
        return Callers.current().flatMap(caller -> casework.one(caller, id)
                .flatMap(incident -> show(caller, incident, model, List.of(), Map.of())));
    }

    private Mono<String> show(Caller caller, Incident incident, Model model, List<Problems.FieldError> errors,
                              Map<String, String> typed) {
        return Mono.zip(names.ofSchool(incident.schoolId()),
                names.withAnyRole(incident.schoolId(), Role.DSL, Role.SLT, Role.HEADTEACHER).collectList())
                .map(t -> {
                    model.addAttribute("incident", incident);
                    model.addAttribute("names", t.getT1());
                    model.addAttribute("owners", t.getT2());
                    model.addAttribute("next", IncidentCasework.next(incident.status()).stream()
                            .sorted().toList());
                    model.addAttribute("canWrite", IncidentCasework.writes(caller, incident.schoolId()));
                    model.addAttribute("errors", errors);
                    model.addAttribute("typed", typed);
                    return "incidents/incident";
                });
    }

    @PostMapping("/ui/incidents/{id}/transitions")
    Mono<String> transition(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return form(exchange).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            String to = blank(form.getFirst("to"));
            if (to == null) {
                return failed(caller, id, model, List.of(new Problems.FieldError("to",
                        "choose the status to move the incident to")), form);
            }
            return casework.transition(caller, id, to, blank(form.getFirst("note")), blank(form.getFirst("outcome")))
                    .flatMap(after -> Flash.set(exchange, "Incident " + id + " is now " + IncidentWords.status(
                            after.status()).toLowerCase(java.util.Locale.UK))
                            .thenReturn("redirect:/ui/incidents/" + id))
                    .onErrorResume(failure -> failed(caller, id, model, FormProblems.of(failure, "to"), form));
        });
    }

    @PostMapping("/ui/incidents/{id}/notes")
    Mono<String> note(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return form(exchange).flatMap(t -> casework.note(t.getT1(), id, t.getT2().getFirst("text"))
                .flatMap(after -> Flash.set(exchange, "Note added to incident " + id)
                        .thenReturn("redirect:/ui/incidents/" + id))
                .onErrorResume(failure -> failed(t.getT1(), id, model, FormProblems.of(failure, "text"),
                        t.getT2())));
    }

    @PostMapping("/ui/incidents/{id}/owner")
    Mono<String> owner(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return form(exchange).flatMap(t -> {
            long version;
            try {
                version = Long.parseLong(String.valueOf(t.getT2().getFirst("version")));
            } catch (NumberFormatException e) {
                version = -1;
            }
            return casework.assign(t.getT1(), id, blank(t.getT2().getFirst("owner")), version)
                    .flatMap(after -> names.ofSchool(after.schoolId()).flatMap(known -> Flash.set(exchange,
                            known.getOrDefault(after.owner(), "The chosen person") + " now leads on incident " + id)))
                    .thenReturn("redirect:/ui/incidents/" + id)
                    .onErrorResume(failure -> failed(t.getT1(), id, model, FormProblems.of(failure, "owner"),
                            t.getT2()));
        });
    }

    private Mono<String> failed(Caller caller, String id, Model model, List<Problems.FieldError> errors,
                                MultiValueMap<String, String> form) {
        return casework.one(caller, id).flatMap(incident -> show(caller, incident, model, errors,
                form.toSingleValueMap()));
    }

    private static Mono<reactor.util.function.Tuple2<Caller, MultiValueMap<String, String>>> form(
                                                                                                  ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData());
    }

    private Mono<Optional<SchoolView>> schoolOf(Caller caller, String school, Model model) {
        return schools.shownTo(caller, blank(school), all -> model.addAttribute("schools", all));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
