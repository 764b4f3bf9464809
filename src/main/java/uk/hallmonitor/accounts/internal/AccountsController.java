package uk.hallmonitor.accounts.internal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.AccountsProperties;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** {@code /api/v1/accounts}: the register and the lifecycle actions. */
@RestController
@RequestMapping("/api/v1/accounts")
record AccountsController(Accounts accounts, AccountsProperties properties,
                          uk.hallmonitor.schools.SchoolDirectory directory, Clock clock) {

    /** An account as the register shows it, with the dormant-account review flag worked out for today. */
    record AccountView(String id, String schoolId, String applicationId, Platform platform, String handle,
                       String visibility, String platformAccountId, Map<String, String> connection,
                       AccountStatus status, List<String> runnerIds, Instant createdAt, Instant activatedAt,
                       Instant lastActivityAt, boolean reviewDue, Instant closedAt, String closeReason,
                       ConnectorHealth health, List<AccountDocument.Change> history, List<Runner> runners) {
    }

    /** A runner by staff id and name (the name of someone no longer on the staff records is {@code null}). */
    record Runner(String staffId, String name) {
    }

    record Activation(@NotBlank(message = "give the platform's own id of the account")
                      @Size(max = 200, message = "at most 200 characters") String platformAccountId,
                      @Schema(description = CONNECTION_SETTINGS, example = "{\"commentDays\": \"14\"}")
                      Map<String, String> connection) {
    }

    /** What the connection settings are, for the OpenAPI document (deploy/docs/connectors.md has the detail). */
    static final String CONNECTION_SETTINGS = """
            Connector settings, never secrets (those go in the vault): at most 20, names of letters and digits.
            `baseUrl`: the API root (required for Mastodon; replaces graph.facebook.com for Facebook and Instagram).
            `url`: an RSS/Atom feed. `commentDays` (Facebook, Instagram): posts created this many days back are
            watched for new comments, a whole number from 1 to 90, default 14. `messenger` (Facebook): `true` reads
            the Page's Messenger conversations as direct messages (the Page token then needs pages_messaging);
            default `false`, nothing is read. A bad value answers 400 naming `connection.<setting>`.""";

    record Runners(@NotNull(message = "name at least two runners")
                   @Size(min = 2, max = 20, message = "name between two and twenty runners")
                   List<@NotBlank(message = "a runner id is empty") String> runnerIds) {
    }

    record Reason(@Size(max = 2000, message = "at most 2000 characters") String reason) {
    }

    @GetMapping
    Mono<PageResponse<AccountView>> list(@RequestParam(required = false) String schoolId,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        AccountStatus wanted = Problems.choice("status", status, AccountStatus.class);
        return Callers.current().flatMap(caller -> accounts.list(caller, schoolId, wanted, paging))
                .flatMap(p -> reactor.core.publisher.Flux.fromIterable(p.items()).flatMapSequential(this::named)
                        .collectList().map(items -> new PageResponse<>(items, p.page(), p.size(), p.total())));
    }

    @GetMapping("/{id}")
    Mono<AccountView> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> accounts.visible(caller, id)).flatMap(this::named);
    }

    @PostMapping("/{id}/activate")
    Mono<AccountView> activate(@PathVariable String id, @Valid @RequestBody Activation activation) {
        return Callers.current().flatMap(caller -> accounts.activate(caller, id, activation.platformAccountId(),
                activation.connection())).flatMap(this::named);
    }

    @PostMapping("/{id}/runners")
    Mono<AccountView> runners(@PathVariable String id, @Valid @RequestBody Runners runners) {
        return Callers.current().flatMap(caller -> accounts.transfer(caller, id, runners.runnerIds()))
                .flatMap(this::named);
    }

    @PostMapping("/{id}/close")
    Mono<AccountView> close(@PathVariable String id, @Valid @RequestBody(required = false) Reason reason) {
        return Callers.current().flatMap(caller -> accounts.close(caller, id, reason == null ? null : reason.reason()))
                .flatMap(this::named);
    }

    @PostMapping("/{id}/suspend")
    Mono<AccountView> suspend(@PathVariable String id, @Valid @RequestBody(required = false) Reason reason) {
        return Callers.current().flatMap(caller -> accounts.suspend(caller, id, reason == null ? null : reason.reason(),
                true)).flatMap(this::named);
    }

    @PostMapping("/{id}/resume")
    Mono<AccountView> resume(@PathVariable String id) {
        return Callers.current().flatMap(caller -> accounts.suspend(caller, id, null, false)).flatMap(this::named);
    }

    AccountView view(AccountDocument a) {
        boolean reviewDue = AccountReview.due(a, properties.dormantAfter(), clock.instant());
        return new AccountView(a.id(), a.schoolId(), a.applicationId(), a.platform(), a.handle(), a.visibility(),
                a.platformAccountId(), a.connection(), a.status(), a.runnerIds(), a.createdAt(), a.activatedAt(),
                a.lastActivityAt(), reviewDue, a.closedAt(), a.closeReason(), a.health(), a.history(), null);
    }

    /** The view with each runner's name beside the id. */
    Mono<AccountView> named(AccountDocument a) {
        AccountView plain = view(a);
        return reactor.core.publisher.Flux.fromIterable(plain.runnerIds())
                .concatMap(id -> directory.staff(id).map(staff -> new Runner(id, staff.name()))
                        .defaultIfEmpty(new Runner(id, null)))
                .collectList()
                .map(runners -> new AccountView(plain.id(), plain.schoolId(), plain.applicationId(), plain.platform(),
                        plain.handle(), plain.visibility(), plain.platformAccountId(), plain.connection(),
                        plain.status(), plain.runnerIds(), plain.createdAt(), plain.activatedAt(),
                        plain.lastActivityAt(), plain.reviewDue(), plain.closedAt(), plain.closeReason(),
                        plain.health(), plain.history(), runners));
    }
}
