package uk.hallmonitor.applications.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.applications.internal.AccountApplication;
import uk.hallmonitor.applications.internal.AccountApplications;
import uk.hallmonitor.applications.internal.ApplicationForm;
import uk.hallmonitor.applications.internal.ApplicationStatus;
import uk.hallmonitor.applications.internal.FormChecks;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.PlatformNames;

/**
 * The applicant's pages (apply, my applications, amend, withdraw) and SLT's review, over the same service and rules
 * as {@code /api/v1/applications}. A form that fails comes back with everything typed and each problem in words.
 */
@PageController
record ApplicationPages(AccountApplications applications, SchoolDirectory directory, PlatformNames platforms) {

    private static final int MAX_LISTED = 100;

    // ---- what the templates show

    /** A person by name, and whether they may run an account today. */
    public record Person(String id, String name, boolean current) {
    }

    /** A status in words with its tag colour. */
    public record Status(String words, String tone) {
    }

    /** One step of an application's history, in words. */
    public record Line(String what, String who, Instant at, String note) {
    }

    /**
     * An application as the pages show it: the record, the applicant's and runners' names, the status in words,
     * SLT's decision (with note or reason) if there is one, and the history newest first.
     */
    public record Shown(AccountApplication application, String applicant, List<Person> runners, Status status,
                        Line decision, List<Line> history, boolean mine, boolean canDecide) {

        public boolean canAmend() {
            return mine && (application.status() == ApplicationStatus.DRAFT
                    || application.status() == ApplicationStatus.REJECTED);
        }

        public boolean canSubmit() {
            return mine && application.status() == ApplicationStatus.DRAFT;
        }

        public boolean canWithdraw() {
            return mine && (application.status() == ApplicationStatus.DRAFT
                    || application.status() == ApplicationStatus.SUBMITTED);
        }
    }

    /** What was typed into the application form, kept as typed so an error never loses it. */
    public record Input(String platform, String handle, String aim, String audience, String promotion,
                        List<String> runnerIds, String visibility) {

        static Input empty() {
            return new Input("", "", "", "", "", List.of(), "");
        }

        static Input of(MultiValueMap<String, String> form) {
            return new Input(first(form, "platform"), first(form, "handle"), first(form, "aim"),
                    first(form, "audience"), first(form, "promotion"),
                    form.getOrDefault("runnerIds", List.of()).stream().filter(id -> !id.isBlank()).distinct().toList(),
                    first(form, "visibility"));
        }

        static Input of(AccountApplication a) {
            return new Input(a.platform().name(), a.handle(), a.aim(), a.audience(), a.promotion(), a.runnerIds(),
                    a.visibility());
        }

        public boolean runs(String staffId) {
            return runnerIds.contains(staffId);
        }
    }

    /** A platform choice for the form. */
    public record Choice(String value, String label) {
    }

    // ---- applicant

    @GetMapping("/ui/applications")
    Mono<Rendering> mine() {
        return Callers.current().flatMap(caller -> applications.mine(caller, MAX_LISTED)
                .collectList()
                .flatMap(mine -> shown(caller, mine))
                .map(mine -> Rendering.view("applications/list").modelAttribute("applications", mine).build()));
    }

    @GetMapping("/ui/applications/new")
    Mono<Rendering> newForm() {
        return Callers.current().flatMap(caller -> form(caller, null, Input.empty(), Map.of(), HttpStatus.OK));
    }

    @PostMapping("/ui/applications")
    Mono<Rendering> apply(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> exchange.getFormData().flatMap(data -> {
            Input input = Input.of(data);
            Map<String, String> errors = check(input);
            if (!errors.isEmpty()) {
                return form(caller, null, input, errors, HttpStatus.BAD_REQUEST);
            }
            return FormChecks.valid(toForm(caller.schoolId(), input))
                    .flatMap(form -> applications.draft(caller, form))
                    .flatMap(draft -> applications.submit(caller, draft.id()))
                    .flatMap(sent -> Flash.set(exchange, "Sent to SLT: your application for " + sent.handle()
                            + " on " + platforms.name(sent.platform()) + ". You will see their decision here.")
                            .thenReturn(Rendering.redirectTo("/ui/applications/" + sent.id()).build()))
                    .onErrorResume(ErrorResponseException.class,
                            error -> form(caller, null, input, errorsOf(error), HttpStatus.BAD_REQUEST));
        }));
    }

    @GetMapping("/ui/applications/{id}")
    Mono<Rendering> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.visible(caller, id)
                .flatMap(a -> shown(caller, List.of(a)))
                .map(shown -> Rendering.view("applications/one").modelAttribute("shown", shown.get(0))
                        .modelAttribute("errors", Map.of()).build()));
    }

    @GetMapping("/ui/applications/{id}/amend")
    Mono<Rendering> amendForm(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.visible(caller, id)
                .flatMap(a -> form(caller, a, Input.of(a), Map.of(), HttpStatus.OK)));
    }

    @PostMapping("/ui/applications/{id}/amend")
    Mono<Rendering> amend(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().flatMap(
                caller -> applications.visible(caller, id).flatMap(current -> exchange.getFormData().flatMap(data -> {
                    Input input = Input.of(data);
                    Map<String, String> errors = check(input);
                    if (!errors.isEmpty()) {
                        return form(caller, current, input, errors, HttpStatus.BAD_REQUEST);
                    }
                    return FormChecks.valid(toForm(current.schoolId(), input))
                            .flatMap(form -> applications.amend(caller, id, form))
                            .flatMap(amended -> applications.submit(caller, amended.id()))
                            .flatMap(sent -> Flash.set(exchange, "Sent to SLT again: your amended application for "
                                    + sent.handle())
                                    .thenReturn(Rendering.redirectTo("/ui/applications/" + sent.id()).build()))
                            .onErrorResume(ErrorResponseException.class,
                                    error -> form(caller, current, input, errorsOf(error), HttpStatus.BAD_REQUEST));
                })));
    }

    @PostMapping("/ui/applications/{id}/submit")
    Mono<Rendering> submit(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> applications.submit(caller, id)
                .flatMap(sent -> Flash.set(exchange, "Sent to SLT: your application for " + sent.handle())
                        .thenReturn(Rendering.redirectTo("/ui/applications/" + id).build()))
                .onErrorResume(ErrorResponseException.class, error -> refused(caller, id, error)));
    }

    @PostMapping("/ui/applications/{id}/withdraw")
    Mono<Rendering> withdraw(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> applications.withdraw(caller, id)
                .flatMap(gone -> Flash.set(exchange, "Withdrawn: your application for " + gone.handle()
                        + ". SLT will not see it any more.")
                        .thenReturn(Rendering.redirectTo("/ui/applications").build()))
                .onErrorResume(ErrorResponseException.class, error -> refused(caller, id, error)));
    }

    // ---- SLT

    @GetMapping("/ui/review")
    Mono<Rendering> review() {
        return Callers.current().flatMap(caller -> reviewPage(caller, null, Map.of(), HttpStatus.OK));
    }

    @PostMapping("/ui/applications/{id}/{decision:approve|reject}")
    Mono<Rendering> decide(@PathVariable String id, @PathVariable String decision, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> exchange.getFormData().flatMap(data -> {
            String text = first(data, "text").strip();
            Mono<AccountApplication> done;
            if (decision.equals("reject") && text.isEmpty()) {
                return reviewPage(caller, id, Map.of("reason-" + id,
                        "Say why the application is rejected: the applicant will read it"), HttpStatus.BAD_REQUEST,
                        Map.of("reason-" + id, text));
            }
            if (text.length() > 2000) {
                return reviewPage(caller, id, Map.of((decision.equals("approve") ? "note-" : "reason-") + id,
                        "Keep it to 2,000 characters or fewer"), HttpStatus.BAD_REQUEST,
                        Map.of((decision.equals("approve") ? "note-" : "reason-") + id, text));
            }
            done = decision.equals("approve") ? applications.approve(caller, id, text)
                    : applications.reject(caller, id, text);
            return done.flatMap(a -> Flash.set(exchange, decision.equals("approve")
                    ? "Approved: " + a.handle() + " is now being set up"
                    : "Rejected: " + a.handle() + ". The applicant can read your reason.")
                    .thenReturn(Rendering.redirectTo("/ui/review").build()))
                    .onErrorResume(ErrorResponseException.class, error -> reviewPage(caller, id,
                            Map.of((decision.equals("approve") ? "note-" : "reason-") + id, sentence(error)),
                            HttpStatus.valueOf(error.getStatusCode().value()),
                            Map.of((decision.equals("approve") ? "note-" : "reason-") + id, text)));
        }));
    }

    private Mono<Rendering> reviewPage(Caller caller, String focus, Map<String, String> errors, HttpStatus status) {
        return reviewPage(caller, focus, errors, status, Map.of());
    }

    private Mono<Rendering> reviewPage(Caller caller, String focus, Map<String, String> errors, HttpStatus status,
                                       Map<String, String> typed) {
        return applications.list(caller, null, ApplicationStatus.SUBMITTED, Paging.of(0, MAX_LISTED))
                .flatMap(page -> shown(caller, page.items()))
                .map(waiting -> Rendering.view("applications/review").status(status)
                        .modelAttribute("waiting", waiting)
                        .modelAttribute("errors", errors)
                        .modelAttribute("typed", typed)
                        .modelAttribute("isSlt",
                                caller.schoolId() != null && caller.hasAnyIn(caller.schoolId(), Role.SLT))
                        .build());
    }

    // ---- shared

    private Mono<Rendering> refused(Caller caller, String id, ErrorResponseException error) {
        return applications.visible(caller, id).flatMap(a -> shown(caller, List.of(a)))
                .map(shown -> Rendering.view("applications/one")
                        .status(HttpStatus.valueOf(error.getStatusCode().value()))
                        .modelAttribute("shown", shown.get(0))
                        .modelAttribute("errors", Map.of("form", sentence(error))).build());
    }

    private Mono<Rendering> form(Caller caller, AccountApplication amending, Input input, Map<String, String> errors,
                                 HttpStatus status) {
        return colleagues(caller).map(staff -> Rendering.view("applications/form").status(status)
                .modelAttribute("pageTitle", amending == null ? "Apply for a new account" : "Amend your application")
                .modelAttribute("input", input)
                .modelAttribute("errors", errors)
                .modelAttribute("staff", staff)
                .modelAttribute("amending", amending)
                .modelAttribute("platforms", Arrays.stream(Platform.values())
                        .map(p -> new Choice(p.name(), platforms.name(p))).toList())
                .build());
    }

    /** The plain-words checks of the form; the service checks the same again (and who the runners are). */
    static Map<String, String> check(Input input) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (Arrays.stream(Platform.values()).noneMatch(p -> p.name().equals(input.platform()))) {
            errors.put("platform", "Choose the platform the account will be on");
        }
        if (input.handle().isBlank()) {
            errors.put("handle", "Enter the proposed name of the account, for example @OakfieldSports");
        } else if (input.handle().strip().length() > 100) {
            errors.put("handle", "The account name must be 100 characters or fewer");
        }
        text(errors, "aim", input.aim(), 4000, "Say what the account is for");
        text(errors, "audience", input.audience(), 2000, "Say who the account is for");
        text(errors, "promotion", input.promotion(), 2000, "Say how people will find out about the account");
        if (input.runnerIds().size() < 2) {
            errors.put("runners", "Choose at least two staff to run the account");
        } else if (input.runnerIds().size() > 20) {
            errors.put("runners", "Choose no more than twenty staff to run the account");
        }
        if (!input.visibility().equals("OPEN") && !input.visibility().equals("CLOSED")) {
            errors.put("visibility", "Choose whether the account is open to anyone or closed to approved followers");
        }
        return errors;
    }

    private static void text(Map<String, String> errors, String field, String value, int max, String missing) {
        if (value.isBlank()) {
            errors.put(field, missing);
        } else if (value.strip().length() > max) {
            errors.put(field,
                    "Keep it to %,d characters or fewer (you wrote %,d)".formatted(max, value.strip().length()));
        }
    }

    private static ApplicationForm toForm(String schoolId, Input input) {
        return new ApplicationForm(schoolId, Platform.valueOf(input.platform()), input.handle(), input.aim(),
                input.audience(), input.promotion(), input.runnerIds(), input.visibility());
    }

    /** The service's problem as field errors of the form; fields it names by index become the runners' question. */
    @SuppressWarnings("unchecked")
    static Map<String, String> errorsOf(ErrorResponseException error) {
        Map<String, String> errors = new LinkedHashMap<>();
        Object listed = error.getBody().getProperties() == null ? null : error.getBody().getProperties().get("errors");
        if (listed instanceof List<?> list && !list.isEmpty()) {
            for (Object item : list) {
                if (item instanceof uk.hallmonitor.system.web.Problems.FieldError field) {
                    String name = field.field().startsWith("runnerIds") ? "runners"
                            : List.of("platform", "handle", "aim", "audience", "promotion", "visibility")
                                    .contains(field.field()) ? field.field()
                            : "form";
                    errors.merge(name, capital(field.message()), (a, b) -> a + "; " + b);
                }
            }
        } else {
            errors.put("form", sentence(error));
        }
        return errors;
    }

    /** A problem as one sentence for a person: its detail and reasons, without record ids. */
    static String sentence(ErrorResponseException error) {
        String detail = error.getBody().getDetail() == null ? "That could not be done" : error.getBody().getDetail();
        Object reasons =
                error.getBody().getProperties() == null ? null : error.getBody().getProperties().get("reasons");
        if (reasons instanceof List<?> list && !list.isEmpty()) {
            detail = detail + ": " + list.stream().map(String::valueOf).collect(Collectors.joining("; "));
        }
        return capital(detail.replaceAll(" \\(id [^)]*\\)", "")) + ".";
    }

    private static String capital(String text) {
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return trimmed.isEmpty() ? trimmed : Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
    }

    /** Who may be chosen to run an account: the active staff of the caller's school, by name. */
    private Mono<List<Person>> colleagues(Caller caller) {
        if (caller.schoolId() == null) {
            return Mono.just(List.of());
        }
        return Flux.fromArray(Role.values()).filter(role -> role != Role.ADMIN)
                .concatMap(role -> directory.staffWithRole(caller.schoolId(), role))
                .distinct(StaffView::id)
                .map(s -> new Person(s.id(), s.name(), s.current()))
                .sort(java.util.Comparator.comparing(Person::name, String.CASE_INSENSITIVE_ORDER))
                .collectList();
    }

    private Mono<List<Shown>> shown(Caller caller, List<AccountApplication> found) {
        List<String> ids = found.stream().flatMap(a -> {
            List<String> all = new ArrayList<>(a.runnerIds());
            all.add(a.applicantId());
            a.history().forEach(step -> all.add(step.by()));
            return all.stream();
        }).filter(java.util.Objects::nonNull).distinct().toList();
        return Flux.fromIterable(ids).flatMap(directory::staff, 8)
                .collectMap(StaffView::id, Function.identity())
                .map(people -> found.stream().map(a -> shown(caller, a, people)).toList());
    }

    private static Shown shown(Caller caller, AccountApplication a, Map<String, StaffView> people) {
        List<Person> runners = a.runnerIds().stream().map(id -> {
            StaffView s = people.get(id);
            return s == null ? new Person(id, "someone no longer on the staff list", false)
                    : new Person(id, s.name(), s.active() && s.current());
        }).toList();
        List<Line> history = new ArrayList<>();
        Line decision = null;
        for (AccountApplication.Step step : a.history()) {
            Line line = new Line(action(step.action()), name(people, step.by(), step.byName()), step.at(), step.note());
            history.add(0, line);
            if (step.status() == ApplicationStatus.APPROVED || step.status() == ApplicationStatus.REJECTED) {
                decision = line;
            }
        }
        if (a.status() != ApplicationStatus.APPROVED && a.status() != ApplicationStatus.REJECTED) {
            decision = null;
        }
        boolean mine = a.applicantId().equals(caller.staffId());
        boolean canDecide =
                !mine && a.status() == ApplicationStatus.SUBMITTED && caller.hasAnyIn(a.schoolId(), Role.SLT);
        return new Shown(a, name(people, a.applicantId(), a.applicantName()), runners, status(a.status()), decision,
                history, mine, canDecide);
    }

    private static String name(Map<String, StaffView> people, String id, String fallback) {
        StaffView s = id == null ? null : people.get(id);
        return s != null ? s.name() : fallback;
    }

    static Status status(ApplicationStatus status) {
        return switch (status) {
            case DRAFT -> new Status("Draft, not yet sent to SLT", "muted");
            case SUBMITTED -> new Status("Waiting for SLT", "warn");
            case APPROVED -> new Status("Approved", "ok");
            case REJECTED -> new Status("Rejected", "bad");
            case WITHDRAWN -> new Status("Withdrawn", "muted");
        };
    }

    private static String action(String action) {
        return switch (action) {
            case "drafted" -> "Started the application";
            case "submitted" -> "Sent it to SLT";
            case "amended" -> "Amended it";
            case "approved" -> "Approved it";
            case "rejected" -> "Rejected it";
            case "withdrawn" -> "Withdrew it";
            default -> action;
        };
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
