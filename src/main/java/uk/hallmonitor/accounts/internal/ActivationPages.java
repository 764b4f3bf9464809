package uk.hallmonitor.accounts.internal;

import java.util.ArrayList;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;

/**
 * The administrator's side of the register ({@code /ui/admin/accounts}): accounts SLT approved that wait to be
 * created, activating one with its connection settings (never secrets: those go to the vault next), and the way to
 * each account's credentials.
 */
@PageController
record ActivationPages(Accounts accounts, SchoolDirectory directory) {

    private static final Map<String, String> LABELS = Map.of("platformAccountId", "Platform's id of the account",
            "connection", "Connection settings", "connection.baseUrl", "Server address",
            "connection.url", "Feed address");

    static final Map<AccountStatus, String> STATUS_WORDS = Map.of(AccountStatus.PROVISIONING,
            "Waiting to be set up", AccountStatus.ACTIVE, "Active", AccountStatus.NEEDS_RUNNER, "Needs runners",
            AccountStatus.SUSPENDED, "Suspended", AccountStatus.CLOSED, "Closed");
    static final Map<AccountStatus, String> STATUS_TAGS = Map.of(AccountStatus.PROVISIONING, "tag warn",
            AccountStatus.ACTIVE, "tag ok", AccountStatus.NEEDS_RUNNER, "tag bad", AccountStatus.SUSPENDED,
            "tag muted", AccountStatus.CLOSED, "tag muted");

    /** An account with its school's name, as the list shows it. */
    record Row(AccountDocument account, String schoolName) {
    }

    @GetMapping("/ui/admin/accounts")
    Mono<Rendering> list() {
        return admin().flatMap(caller -> accounts.list(caller, null, null, Paging.of(0, 200)))
                .flatMap(page -> directory.schools().collectMap(SchoolView::id, SchoolView::name)
                        .map(names -> page.items().stream()
                                .map(a -> new Row(a, names.getOrDefault(a.schoolId(), "")))
                                .sorted(java.util.Comparator
                                        .comparing((Row r) -> r.account().status() != AccountStatus.PROVISIONING)
                                        .thenComparing(Row::schoolName))
                                .toList()))
                .map(rows -> Rendering.view("accounts/admin")
                        .modelAttribute("rows", rows)
                        .modelAttribute("statusWords", STATUS_WORDS)
                        .modelAttribute("statusTags", STATUS_TAGS)
                        .build());
    }

    @GetMapping("/ui/admin/accounts/{id}/activate")
    Mono<Rendering> activation(@PathVariable String id) {
        return admin().flatMap(caller -> form(caller, id, Map.of(), List.of()));
    }

    private Mono<Rendering> form(Caller caller, String id, Map<String, String> typed,
                                 List<ProblemFields.Shown> errors) {
        return accounts.visible(caller, id).flatMap(account -> directory.school(account.schoolId())
                .map(SchoolView::name).defaultIfEmpty("")
                .flatMap(school -> Flux.fromIterable(account.runnerIds()).concatMap(directory::staff)
                        .map(s -> s.name()).collectList()
                        .map(runners -> Rendering.view("accounts/activate")
                                .modelAttribute("account", account)
                                .modelAttribute("schoolName", school)
                                .modelAttribute("runners", runners)
                                .modelAttribute("statusWords", STATUS_WORDS)
                                .modelAttribute("typed", typed)
                                .modelAttribute("errors", errors)
                                .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                                .build())));
    }

    @PostMapping("/ui/admin/accounts/{id}/activate")
    Mono<Rendering> activate(@PathVariable String id, ServerWebExchange exchange) {
        return admin().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            Map<String, String> typed = new LinkedHashMap<>();
            for (String key : List.of("platformAccountId", "baseUrl", "url", "otherName", "otherValue")) {
                String value = form.getFirst(key);
                typed.put(key, value == null ? "" : value.strip());
            }
            List<ProblemFields.Shown> errors = new ArrayList<>();
            if (typed.get("platformAccountId").isEmpty()) {
                errors.add(ProblemFields.field("platformAccountId", "give the platform's own id of the account"
                        + " (X user id, Bluesky DID, Mastodon account id)", LABELS));
            }
            Map<String, String> connection = new LinkedHashMap<>();
            if (!typed.get("baseUrl").isEmpty()) {
                connection.put("baseUrl", typed.get("baseUrl"));
            }
            if (!typed.get("url").isEmpty()) {
                connection.put("url", typed.get("url"));
            }
            if (!typed.get("otherName").isEmpty()) {
                connection.put(typed.get("otherName"), typed.get("otherValue"));
            }
            if (!errors.isEmpty()) {
                return form(caller, id, typed, errors);
            }
            return accounts.activate(caller, id, typed.get("platformAccountId"), connection)
                    .flatMap(saved -> Flash.set(exchange, "Activated " + saved.handle() + " ("
                            + STATUS_WORDS.get(saved.status()) + "): now store its credentials")
                            .thenReturn(Rendering.redirectTo("/ui/vault/accounts/" + saved.id())
                                    .status(HttpStatus.SEE_OTHER).build()))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? form(caller, id, typed, shown(e)) : Mono.error(e));
        });
    }

    private static List<ProblemFields.Shown> shown(ErrorResponseException e) {
        // a problem with the free-form setting names the setting; show it at the "other setting" control
        return ProblemFields.of(e, LABELS).stream()
                .map(s -> s.href().equals("form") && s.field().startsWith("connection")
                        ? new ProblemFields.Shown(s.field(), "otherName", "Other setting: " + s.text()) : s)
                .toList();
    }

    private static Mono<Caller> admin() {
        return Callers.current().flatMap(caller -> caller.isAdmin() ? Mono.just(caller)
                : Mono.error(Problems.forbidden("setting up accounts is for the trust's IT administrators")));
    }
}
