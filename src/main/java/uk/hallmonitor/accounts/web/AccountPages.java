package uk.hallmonitor.accounts.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
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
import uk.hallmonitor.accounts.AccountsProperties;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.internal.AccountDocument;
import uk.hallmonitor.accounts.internal.AccountReview;
import uk.hallmonitor.accounts.internal.Accounts;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffNames;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.PageTimes;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.PlatformNames;

/**
 * The account register as pages: the school's accounts, and one account with its history. SLT of the school and
 * administrators also change its runners, suspend and reinstate it, and close it there, through the same service
 * calls as {@code /api/v1/accounts/{id}/runners|suspend|resume|close}.
 */
@PageController
record AccountPages(Accounts accounts, SchoolDirectory directory, StaffNames staffNames, AccountsProperties properties,
                    PlatformNames platforms, PageTimes times, Clock clock) {

    // Platforms Hallmonitor has no connector for: their comments arrive as files exported from the platform, so
    // there is no connection to be healthy or not (the poller's "no connector" failure is not news to anyone).
    static final Set<Platform> IMPORT_ONLY = EnumSet.of(Platform.OTHER);
    // Read through their APIs once the vault holds a token; until then the connector says "not connected" and the
    // school keeps importing exported comments, which is no fault of the connection either.
    static final Set<Platform> IMPORT_UNTIL_CONNECTED = EnumSet.of(Platform.FACEBOOK, Platform.INSTAGRAM,
            Platform.YOUTUBE);
    private static final Map<Platform, String> WHAT_TO_STORE = Map.of(
            Platform.FACEBOOK, "the Page access token (pageAccessToken)",
            Platform.INSTAGRAM, "the access token of the Facebook Page linked to the Instagram account "
                    + "(pageAccessToken)",
            Platform.YOUTUBE, "the channel owner's Google grant (oauthRefreshToken, clientId and clientSecret)");

    // the people who may run an account: anyone on the school's staff list (administrators are trust-wide)
    private static final Role[] SCHOOL_ROLES = java.util.Arrays.stream(Role.values()).filter(r -> r != Role.ADMIN)
            .toArray(Role[]::new);

    /** Words and the colour of their tag. */
    public record Tag(String words, String tone) {
    }

    /** A runner by name and whether they may run accounts today. */
    public record Runner(String name, boolean current) {
    }

    /** A member of staff who could run the account, with whether they may today (trained, policy signed). */
    public record Candidate(String id, String name, boolean current) {
    }

    /** One change of the account in words. */
    public record Change(String what, String who, Instant at, String note, Tag status) {
    }

    /** An account as the register shows it. */
    public record Shown(AccountDocument account, Tag status, List<Runner> runners, boolean reviewDue,
                        Instant quietSince, Instant reviewAt, Tag health, String healthSentence, List<Change> history) {
    }

    @GetMapping("/ui/accounts")
    Mono<Rendering> register() {
        return Callers.current().flatMap(caller -> accounts.list(caller, null, null, Paging.of(0, 200)))
                .flatMap(page -> shown(page.items()).map(shown -> Rendering.view("accounts/register")
                        .modelAttribute("accounts", shown)
                        .modelAttribute("total", page.total())
                        .modelAttribute("needingAttention", shown.stream().filter(s -> s.reviewDue()
                                || s.account().status() == AccountStatus.NEEDS_RUNNER
                                || "bad".equals(s.health().tone())).count())
                        .build()));
    }

    @GetMapping("/ui/accounts/{id}")
    Mono<Rendering> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> page(caller, id, null, Map.of(), Map.of()));
    }

    /**
     * The account's page; {@code chosen} (the runners ticked, {@code null}: the current ones), {@code typed} (the
     * reasons typed) and {@code errors} (control id to what to fix) bring a refused form back as it was sent.
     */
    private Mono<Rendering> page(Caller caller, String id, List<String> chosen, Map<String, String> typed,
                                 Map<String, String> errors) {
        return accounts.visible(caller, id)
                .flatMap(account -> shown(List.of(account)).zipWith(candidates(caller, account)))
                .map(t -> {
                    Shown shown = t.getT1().get(0);
                    AccountDocument a = shown.account();
                    return Rendering.view("accounts/one").modelAttribute("shown", shown)
                            .modelAttribute("pageTitle", a.handle() + " on " + platforms.name(a.platform()))
                            .modelAttribute("mayManage", mayManage(caller, a))
                            .modelAttribute("candidates", t.getT2())
                            .modelAttribute("chosen", chosen == null ? a.runnerIds() : chosen)
                            .modelAttribute("typed", typed)
                            .modelAttribute("errors", errors)
                            .status(errors.isEmpty() ? HttpStatus.OK
                                    : errors.containsKey("form") ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST)
                            .build();
                });
    }

    private static boolean mayManage(Caller caller, AccountDocument account) {
        return account.status() != AccountStatus.CLOSED && caller.hasAnyIn(account.schoolId(), Role.ADMIN, Role.SLT);
    }

    /** The school's active staff by name, the account's runners first; only for those who may change them. */
    private Mono<List<Candidate>> candidates(Caller caller, AccountDocument account) {
        if (!mayManage(caller, account)) {
            return Mono.just(List.of());
        }
        return staffNames.withAnyRole(account.schoolId(), SCHOOL_ROLES)
                .map(s -> new Candidate(s.id(), s.name(), s.current()))
                .collectList()
                .map(all -> all.stream().sorted(java.util.Comparator
                        .comparing((Candidate c) -> !account.runnerIds().contains(c.id()))
                        .thenComparing(Candidate::name, String.CASE_INSENSITIVE_ORDER)).toList());
    }

    @PostMapping("/ui/accounts/{id}/runners")
    Mono<Rendering> changeRunners(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            List<String> chosen = t.getT2().getOrDefault("runnerIds", List.of()).stream()
                    .filter(r -> !r.isBlank()).distinct().toList();
            if (chosen.size() < 2) {
                return page(caller, id, chosen, Map.of(), Map.of("runners",
                        "Choose at least two staff to run the account"));
            }
            if (chosen.size() > 20) {
                return page(caller, id, chosen, Map.of(), Map.of("runners",
                        "Choose no more than twenty staff to run the account"));
            }
            return accounts.transfer(caller, id, chosen)
                    .flatMap(saved -> names(saved.runnerIds()).flatMap(names -> done(exchange, saved,
                            "Runners changed: " + saved.handle() + " is now run by " + names
                                    + statusAfter(saved))))
                    .onErrorResume(ErrorResponseException.class, e -> refused(caller, id, chosen, Map.of(), e,
                            "runners"));
        });
    }

    @PostMapping("/ui/accounts/{id}/suspend")
    Mono<Rendering> suspend(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            String reason = value(t.getT2(), "reason").strip();
            Map<String, String> typed = Map.of("suspendReason", reason);
            if (reason.isEmpty()) {
                return page(caller, id, null, typed, Map.of("suspendReason",
                        "Say why the account is suspended: the reason is kept in its history"));
            }
            if (reason.length() > 2000) {
                return page(caller, id, null, typed, Map.of("suspendReason",
                        "Shorten the reason to 2000 characters or fewer"));
            }
            return accounts.suspend(caller, id, reason, true)
                    .flatMap(saved -> done(exchange, saved, "Suspended: " + saved.handle()
                            + " is no longer checked for new comments until it is reinstated"))
                    .onErrorResume(ErrorResponseException.class, e -> refused(caller, id, null, typed, e,
                            "suspendReason"));
        });
    }

    @PostMapping("/ui/accounts/{id}/resume")
    Mono<Rendering> reinstate(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> accounts.suspend(caller, id, null, false)
                .flatMap(saved -> done(exchange, saved, "Reinstated: " + saved.handle() + statusAfter(saved)))
                .onErrorResume(ErrorResponseException.class, e -> refused(caller, id, null, Map.of(), e, "form")));
    }

    @PostMapping("/ui/accounts/{id}/close")
    Mono<Rendering> close(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            String reason = value(t.getT2(), "reason").strip();
            boolean confirmed = "yes".equals(value(t.getT2(), "confirm"));
            Map<String, String> typed = Map.of("closeReason", reason, "closeConfirm", confirmed ? "yes" : "");
            Map<String, String> errors = new java.util.LinkedHashMap<>();
            if (reason.isEmpty()) {
                errors.put("closeReason", "Say why the account is closed: the reason is kept in its history");
            } else if (reason.length() > 2000) {
                errors.put("closeReason", "Shorten the reason to 2000 characters or fewer");
            }
            if (!confirmed) {
                errors.put("closeConfirm", "Tick the box to confirm: a closed account cannot be opened again");
            }
            if (!errors.isEmpty()) {
                return page(caller, id, null, typed, errors);
            }
            return accounts.close(caller, id, reason)
                    .flatMap(saved -> done(exchange, saved, "Closed: " + saved.handle()
                            + " is closed and no longer checked. Delete it on the platform too if it is not gone yet"))
                    .onErrorResume(ErrorResponseException.class, e -> refused(caller, id, null, typed, e,
                            "closeReason"));
        });
    }

    private Mono<Rendering> done(ServerWebExchange exchange, AccountDocument saved, String message) {
        return Flash.set(exchange, message).thenReturn(Rendering.redirectTo("/ui/accounts/" + saved.id())
                .status(HttpStatus.SEE_OTHER).build());
    }

    /**
     * The service refused: a 400 is about the form's field ({@code field}), a 409 about the account's state (shown
     * at the top, with each reason in words); a 403 or 404 is the error page's.
     */
    private Mono<Rendering> refused(Caller caller, String id, List<String> chosen, Map<String, String> typed,
                                    ErrorResponseException e, String field) {
        int status = e.getStatusCode().value();
        if (status != 400 && status != 409) {
            return Mono.error(e);
        }
        String detail = e.getBody().getDetail() == null ? e.getBody().getTitle() : e.getBody().getDetail();
        if (status == 400) {
            Object errors = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
            if (errors instanceof List<?> list && !list.isEmpty()
                    && list.get(0) instanceof uk.hallmonitor.system.web.Problems.FieldError first) {
                detail = first.message();
            }
            return page(caller, id, chosen, typed, Map.of(field, sentence(detail)));
        }
        Object reasons = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("reasons");
        if (reasons instanceof List<?> list && !list.isEmpty()) {
            detail = detail + ": " + String.join("; ", list.stream()
                    .map(r -> String.valueOf(r).replaceAll(" \\(id [^)]*\\)", "")).toList());
        }
        return page(caller, id, chosen, typed, Map.of("form", sentence(detail)));
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private Mono<String> names(List<String> staffIds) {
        return Flux.fromIterable(staffIds).concatMap(staffId -> directory.staff(staffId).map(StaffView::name)
                .defaultIfEmpty("someone no longer on the staff list")).collectList()
                .map(names -> names.size() < 2 ? String.join("", names)
                        : String.join(", ", names.subList(0, names.size() - 1)) + " and "
                                + names.get(names.size() - 1));
    }

    private static String statusAfter(AccountDocument saved) {
        return switch (saved.status()) {
            case ACTIVE -> " (active)";
            case NEEDS_RUNNER -> " (it still needs runners who are trained and have signed the policy)";
            case PROVISIONING -> " (still being set up)";
            case SUSPENDED -> " (still suspended)";
            case CLOSED -> " (closed)";
        };
    }

    private static String value(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null ? "" : value;
    }

    private Mono<List<Shown>> shown(List<AccountDocument> found) {
        List<String> ids = found.stream().flatMap(a -> {
            List<String> all = new ArrayList<>(a.runnerIds());
            a.history().forEach(change -> all.add(change.by()));
            return all.stream();
        }).filter(java.util.Objects::nonNull).distinct().toList();
        return Flux.fromIterable(ids).flatMap(directory::staff, 8)
                .collectMap(StaffView::id, Function.identity())
                .map(people -> found.stream().map(a -> shown(a, people)).toList());
    }

    private Shown shown(AccountDocument a, Map<String, StaffView> people) {
        List<Runner> runners = a.runnerIds().stream().map(id -> {
            StaffView s = people.get(id);
            return s == null ? new Runner("someone no longer on the staff list", false)
                    : new Runner(s.name() + (s.active() ? "" : " (has left)"), s.active() && s.current());
        }).toList();
        List<Change> history = new ArrayList<>();
        a.history().forEach(change -> history.add(0, new Change(action(change.action()), who(change.by(), people),
                change.at(), note(change), status(change.status()))));
        Tag health = healthTag(a);
        return new Shown(a, status(a.status()), runners,
                AccountReview.due(a, properties.dormantAfter(), clock.instant()),
                AccountReview.quietSince(a), AccountReview.quietSince(a) == null ? null
                        : AccountReview.quietSince(a).atZone(java.time.ZoneOffset.UTC).plus(properties.dormantAfter())
                                .toInstant(),
                health, healthSentence(a), history);
    }

    // notes of these changes are ids (the application, the runners): the page says it in words instead
    private static String note(AccountDocument.Change change) {
        if (change.note() == null || Set.of("opened", "runners changed", "runner left").contains(change.action())) {
            return null;
        }
        return change.note().replaceAll(" \\(id [^)]*\\)", "");
    }

    private static String who(String by, Map<String, StaffView> people) {
        if (by == null || "system".equals(by)) {
            return "Hallmonitor";
        }
        StaffView s = people.get(by);
        return s != null ? s.name() : by;
    }

    static Tag status(AccountStatus status) {
        if (status == null) {
            return new Tag("", "muted");
        }
        return switch (status) {
            case PROVISIONING -> new Tag("Being set up", "warn");
            case ACTIVE -> new Tag("Active", "ok");
            case NEEDS_RUNNER -> new Tag("Needs runners", "bad");
            case SUSPENDED -> new Tag("Suspended", "muted");
            case CLOSED -> new Tag("Closed", "muted");
        };
    }

    private static String action(String action) {
        return switch (action) {
            case "opened" -> "Opened when SLT approved the application";
            case "activated" -> "Activated: created on the platform and connected";
            case "runners changed" -> "Changed who runs it";
            case "runner left" -> "A runner left the school";
            case "needs runner" -> "Left without enough trained runners";
            case "closed" -> "Closed";
            case "suspended" -> "Suspended";
            case "resumed" -> "Resumed";
            default ->
                    Character.toUpperCase(action.charAt(0)) + action.substring(1).replace('-', ' ').replace('_', ' ');
        };
    }

    Tag healthTag(AccountDocument a) {
        if (a.status() == AccountStatus.PROVISIONING || a.status() == AccountStatus.SUSPENDED
                || a.status() == AccountStatus.CLOSED) {
            return new Tag("Not checked", "muted");
        }
        if (importOnly(a)) {
            return new Tag("Imported from files", "muted");
        }
        ConnectorHealth h = a.health();
        if (h == null || h.state() == null) {
            return new Tag("Not checked yet", "muted");
        }
        return switch (h.state()) {
            case "OK" -> new Tag("Working", "ok");
            case "DEGRADED" -> new Tag("Having trouble", "warn");
            case "FAILING" -> new Tag("Not working", "bad");
            case "UNAUTHORIZED" -> new Tag("Needs a new password", "bad");
            default -> new Tag(h.state(), "muted");
        };
    }

    /** The connection's health as one sentence a head teacher can act on. */
    String healthSentence(AccountDocument a) {
        String platform = platforms.name(a.platform());
        switch (a.status()) {
            case PROVISIONING:
                return "Not connected yet: an administrator has to create the account on " + platform
                        + " and store its password in the vault.";
            case SUSPENDED:
                return "Not checked while the account is suspended.";
            case CLOSED:
                return "Not checked: the account is closed.";
            default:
                break;
        }
        if (importOnly(a) && IMPORT_UNTIL_CONNECTED.contains(a.platform())) {
            return "Hallmonitor cannot read " + platform + " itself until an administrator stores "
                    + WHAT_TO_STORE.get(a.platform()) + " in the vault: until then comments come in from the files a "
                    + "runner exports from " + platform + " and uploads.";
        }
        if (importOnly(a)) {
            return "Hallmonitor cannot read " + platform + " itself: comments come in from the files a runner "
                    + "exports from " + platform + " and uploads, so there is no connection to go wrong.";
        }
        ConnectorHealth h = a.health();
        String token = h == null || h.token() == null || h.token().words() == null ? ""
                : " " + Character.toUpperCase(h.token().words().charAt(0)) + h.token().words().substring(1) + ".";
        if (h == null || h.state() == null) {
            return "Not checked yet: the first check runs within minutes of the account being activated." + token;
        }
        String last = h.lastSuccessAt() == null ? "never worked yet"
                : "last worked " + times.fromNow(h.lastSuccessAt());
        String error = h.lastError() == null ? "" : " The platform said: " + h.lastError() + ".";
        return switch (h.state()) {
            case "OK" -> "Working: Hallmonitor reads new comments and mentions from " + platform + " ("
                    + last + ")." + token;
            case "DEGRADED" -> "The last " + plural(h.consecutiveFailures(), "check") + " of " + platform
                    + " failed (" + last + "); Hallmonitor keeps trying and tells an administrator if it goes on."
                    + error;
            case "FAILING" -> "Not working: " + platform + " has not been read for too long (" + last + ", "
                    + plural(h.consecutiveFailures(), "failed check") + "). New comments are not being checked: an "
                    + "administrator should check the connection settings." + error;
            case "UNAUTHORIZED" -> platform + " refused the stored password or token: it has expired or been "
                    + "revoked. An administrator must store a new one in the vault; until then nothing is read."
                    + error;
            default -> "State " + h.state() + "." + error;
        };
    }

    /** Comments arrive only as exported files: a platform without a connector, or one not connected yet. */
    static boolean importOnly(AccountDocument a) {
        if (IMPORT_ONLY.contains(a.platform())) {
            return true;
        }
        ConnectorHealth h = a.health();
        return IMPORT_UNTIL_CONNECTED.contains(a.platform()) && h != null && h.lastSuccessAt() == null
                && h.lastError() != null
                && (h.lastError().contains("not connected:") || h.lastError().contains("no connector for"));
    }

    private static String plural(int count, String noun) {
        return count == 1 ? "1 " + noun : count + " " + noun + "s";
    }
}
