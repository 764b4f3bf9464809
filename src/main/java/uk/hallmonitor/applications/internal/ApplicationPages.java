package uk.hallmonitor.applications.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Html;
import uk.hallmonitor.system.web.Paging;

/** The applicant's form and the SLT review queue, as plain server-rendered pages over the same rules as the API. */
@RestController
class ApplicationPages {

    private final AccountApplications applications;
    private final SchoolDirectory directory;

    ApplicationPages(AccountApplications applications, SchoolDirectory directory) {
        this.applications = applications;
        this.directory = directory;
    }

    @GetMapping(value = "/ui/applications", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> mine(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> page(exchange, caller, ""));
    }

    @PostMapping(value = "/ui/applications", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> apply(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> exchange.getFormData().flatMap(form -> {
            ApplicationForm application;
            try {
                application = new ApplicationForm(caller.schoolId(), Platform.valueOf(first(form, "platform")),
                        first(form, "handle"), first(form, "aim"), first(form, "audience"), first(form, "promotion"),
                        form.getOrDefault("runnerIds", List.of()), first(form, "visibility"));
            } catch (IllegalArgumentException e) {
                return page(exchange, caller, "<div class=\"problem\">Choose a platform.</div>")
                        .map(body -> ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(body));
            }
            return FormChecks.valid(application)
                    .flatMap(valid -> applications.draft(caller, valid))
                    .flatMap(draft -> applications.submit(caller, draft.id()))
                    .map(submitted -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                            .location(URI.create("/ui/applications")).<String>build())
                    .onErrorResume(error -> page(exchange, caller, Html.problem(error))
                            .map(body -> ResponseEntity.badRequest().contentType(MediaType.TEXT_HTML).body(body)));
        }));
    }

    @GetMapping(value = "/ui/review", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> review(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> reviewPage(exchange, caller, ""));
    }

    @PostMapping(value = "/ui/applications/{id}/{decision}", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> decide(@PathVariable String id, @PathVariable String decision,
                                        ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> exchange.getFormData().flatMap(form -> {
            String text = first(form, "text");
            Mono<AccountApplication> done = switch (decision) {
                case "approve" -> applications.approve(caller, id, text);
                case "reject" -> applications.reject(caller, id, text);
                default -> Mono.error(uk.hallmonitor.system.web.Problems.notFound("decision", decision));
            };
            return done.map(a -> ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/ui/review"))
                            .<String>build())
                    .onErrorResume(error -> reviewPage(exchange, caller, Html.problem(error))
                            .map(body -> ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.TEXT_HTML)
                                    .body(body)));
        }));
    }

    private Mono<String> page(ServerWebExchange exchange, Caller caller, String message) {
        Mono<List<StaffView>> colleagues = caller.schoolId() == null ? Mono.just(List.of())
                : Flux.fromArray(new Role[] {Role.STAFF, Role.MODERATOR, Role.SLT, Role.DSL, Role.HEADTEACHER})
                        .concatMap(role -> directory.staffWithRole(caller.schoolId(), role))
                        .distinct(StaffView::id).collectList();
        return applications.list(caller, null, null, Paging.of(0, 50)).zipWith(colleagues).flatMap(t -> {
            String rows = t.getT1().items().stream().map(a -> "<tr><td>" + Html.escape(a.platform()) + "</td><td>"
                    + Html.escape(a.handle()) + "</td><td>" + Html.escape(a.status()) + "</td><td>"
                    + Html.escape(a.applicantName()) + "</td><td>" + Html.escape(a.updatedAt()) + "</td></tr>")
                    .collect(Collectors.joining());
            String platforms = Arrays.stream(Platform.values()).map(p -> "<option>" + p + "</option>")
                    .collect(Collectors.joining());
            String runners = t.getT2().stream().map(s -> "<option value=\"" + Html.escape(s.id()) + "\">"
                    + Html.escape(s.name()) + (s.current() ? "" : " (not yet trained or signed)") + "</option>")
                    .collect(Collectors.joining());
            String body = message + """
                    <table><tr><th>Platform</th><th>Handle</th><th>Status</th><th>Applicant</th><th>Updated</th></tr>%s</table>
                    <h2>Apply for a new account</h2>
                    <p>SLT will decide. Everyone who runs the account must have signed the staff e-safety agreement and be trained.</p>
                    <form method="post" action="/ui/applications">%%CSRF%%
                    <label for="platform">Platform</label><select id="platform" name="platform">%s</select>
                    <label for="handle">Proposed handle</label><input id="handle" name="handle" required maxlength="100">
                    <label for="aim">Aim of the account</label><textarea id="aim" name="aim" required maxlength="4000"></textarea>
                    <label for="audience">Intended audience</label><textarea id="audience" name="audience" required maxlength="2000"></textarea>
                    <label for="promotion">How it will be promoted</label><textarea id="promotion" name="promotion" required maxlength="2000"></textarea>
                    <label for="runnerIds">Who will run it (at least two)</label><select id="runnerIds" name="runnerIds" multiple size="6">%s</select>
                    <label for="visibility">Open or closed</label><select id="visibility" name="visibility"><option>OPEN</option><option>CLOSED</option></select>
                    <button type="submit">Submit to SLT</button></form>
                    """.formatted(rows, platforms, runners);
            return Html.render(exchange, "Applications", body);
        });
    }

    private Mono<String> reviewPage(ServerWebExchange exchange, Caller caller, String message) {
        return applications.list(caller, null, ApplicationStatus.SUBMITTED, Paging.of(0, 100)).flatMap(p -> {
            String rows = p.items().stream().map(a -> """
                    <tr><td>%s %s<br><small>by %s</small></td><td><strong>Aim:</strong> %s<br><strong>Audience:</strong> %s<br>
                    <strong>Promotion:</strong> %s<br><strong>Runners:</strong> %s<br><strong>%s</strong></td>
                    <td><form method="post" action="/ui/applications/%s/approve">%%CSRF%%<input name="text" placeholder="note (optional)"><button>Approve</button></form>
                    <form method="post" action="/ui/applications/%s/reject">%%CSRF%%<input name="text" placeholder="reason (required)" required><button>Reject</button></form></td></tr>
                    """.formatted(Html.escape(a.platform()), Html.escape(a.handle()), Html.escape(a.applicantName()),
                    Html.escape(a.aim()), Html.escape(a.audience()), Html.escape(a.promotion()),
                    Html.escape(String.join(", ", a.runnerIds())), Html.escape(a.visibility()), Html.escape(a.id()),
                    Html.escape(a.id()))).collect(Collectors.joining());
            String body = message + (p.items().isEmpty() ? "<p>Nothing is waiting for a decision.</p>"
                    : "<table><tr><th>Account</th><th>Business case</th><th>Decision</th></tr>" + rows + "</table>");
            return Html.render(exchange, "SLT review", body);
        });
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }
}
