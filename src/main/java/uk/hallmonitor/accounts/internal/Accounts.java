package uk.hallmonitor.accounts.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountNeedsRunner;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.applications.ApplicationApproved;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.RunnerEligibility;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * The account register and its lifecycle. Every change is one atomic update guarded by the status and revision it
 * was decided on; an account is opened at most once per application (unique index on {@code applicationId}).
 */
@Service
public record Accounts(ReactiveMongoTemplate mongo, RunnerEligibility eligibility, AuditTrail audit, DomainEvents events,
                OutboundPolicy outbound, Clock clock)
        implements AccountRegister {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    /** Connector settings with a fixed form (read by the Facebook and Instagram connectors; see connectors.md). */
    static final String MESSENGER = "messenger";
    static final String COMMENT_DAYS = "commentDays";
    static final int MAX_COMMENT_DAYS = 90;
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|apikey|passphrase).*");

    /** Opens the account an approved application describes; a second call for the same application does nothing. */
    Mono<AccountDocument> open(ApplicationApproved approved) {
        Instant now = clock.instant();
        AccountDocument account = new AccountDocument(UUID.randomUUID().toString(), approved.schoolId(),
                approved.applicationId(), approved.platform(), approved.handle(), approved.visibility(), null,
                Map.of(), AccountStatus.PROVISIONING, approved.runnerIds(), now, null, null, null, null, null,
                List.of(new AccountDocument.Change("opened", approved.approvedBy(), now,
                        "application " + approved.applicationId() + " approved", AccountStatus.PROVISIONING)),
                0);
        return mongo.insert(account)
                .flatMap(saved -> audit.record(new AuditEvent("system", "account.opened", saved.schoolId(), "account",
                        saved.id(), null, summary(saved))).thenReturn(saved))
                .onErrorResume(DuplicateKeyException.class, e -> mongo.findOne(
                        Query.query(Criteria.where("applicationId").is(approved.applicationId())),
                        AccountDocument.class));
    }

    public Mono<AccountDocument> visible(Caller caller, String id) {
        return mongo.findById(id, AccountDocument.class)
                .transform(SchoolScopedPages.visibleTo(caller, AccountDocument::schoolId, "account", id));
    }

    public Mono<PageResponse<AccountDocument>> list(Caller caller, String schoolId, AccountStatus status,
                                                    Paging paging) {
        return SchoolScopedPages.page(mongo, AccountDocument.class, caller, schoolId,
                status == null ? null : Criteria.where("status").is(status), Sort.by("platform", "handle"), paging);
    }

    Mono<AccountDocument> activate(Caller caller, String id, String platformAccountId, Map<String, String> connection) {
        return visible(caller, id).flatMap(current -> {
            if (!caller.isAdmin()) {
                return Mono.error(Problems.forbidden("only an administrator creates and activates accounts"));
            }
            Map<String, String> checked = checkConnection(connection, outbound);
            if (current.status() != AccountStatus.PROVISIONING) {
                return Mono.error(Problems.conflict("only an account in PROVISIONING can be activated; this one is "
                        + current.status()));
            }
            return currentRunners(current.schoolId(), current.runnerIds()).flatMap(gaps -> {
                AccountStatus next = gaps.isEmpty() ? AccountStatus.ACTIVE : AccountStatus.NEEDS_RUNNER;
                return change(caller.username(), current, "activated", gaps.isEmpty() ? null : String.join("; ", gaps),
                        next, new Update().set("platformAccountId", platformAccountId.trim())
                                .set("connection", checked).set("activatedAt", clock.instant()))
                        .flatMap(saved -> next == AccountStatus.NEEDS_RUNNER
                                ? events.publish(new AccountNeedsRunner(saved.id(), saved.schoolId(), saved.handle(),
                                        saved.runnerIds(), String.join("; ", gaps))).thenReturn(saved)
                                : Mono.just(saved));
            });
        });
    }

    /** The connection settings, or a 400 naming each bad one; URLs must pass the outbound policy. */
    static Map<String, String> checkConnection(Map<String, String> connection, OutboundPolicy outbound) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (connection == null) {
            return checked;
        }
        if (connection.size() > 20) {
            throw Problems.badRequest("connection", "at most 20 settings");
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        connection.forEach((key, value) -> {
            String field = "connection." + key;
            if (!KEY.matcher(key).matches()) {
                errors.add(new Problems.FieldError("connection", "setting names are letters and digits, up to 40; "
                        + "'" + key.replaceAll("[^A-Za-z0-9$._-]", "?") + "' is not one"));
            } else if (SECRET_KEY.matcher(key).matches()) {
                errors.add(
                        new Problems.FieldError(field, "secrets go in the vault (PUT /api/v1/accounts/{id}/credentials/"
                                + key + "), never in the connection settings"));
            } else if (value == null || value.length() > 2000) {
                errors.add(new Problems.FieldError(field, "give a value of at most 2000 characters"));
            } else if (key.toLowerCase(Locale.ROOT).endsWith("url") && !httpUrl(value)) {
                errors.add(new Problems.FieldError(field, "must be an http:// or https:// address"));
            } else if (key.toLowerCase(Locale.ROOT).endsWith("url") && outbound.refusal(value).isPresent()) {
                errors.add(new Problems.FieldError(field, outbound.refusal(value).get()));
            } else if (MESSENGER.equals(key) && !value.strip().matches("(?i)true|false")) {
                errors.add(new Problems.FieldError(field, "give true (read the Page's Messenger conversations; "
                        + "needs pages_messaging) or false"));
            } else if (COMMENT_DAYS.equals(key) && !wholeDays(value)) {
                errors.add(new Problems.FieldError(field, "give a whole number of days from 1 to "
                        + MAX_COMMENT_DAYS + ": posts created that many days back are watched for new comments"));
            } else if (MESSENGER.equals(key)) {
                checked.put(key, value.strip().toLowerCase(Locale.ROOT));
            } else {
                checked.put(key, value.trim());
            }
        });
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return checked;
    }

    private static boolean wholeDays(String value) {
        String days = value.strip();
        return days.matches("[0-9]{1,2}") && Integer.parseInt(days) >= 1 && Integer.parseInt(days) <= MAX_COMMENT_DAYS;
    }

    private static boolean httpUrl(String value) {
        try {
            URI uri = URI.create(value.trim());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public Mono<AccountDocument> transfer(Caller caller, String id, List<String> runnerIds) {
        return visible(caller, id).flatMap(current -> {
            if (!caller.hasAnyIn(current.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT or an administrator can change who runs an account"));
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < runnerIds.size(); i++) {
                if (!seen.add(runnerIds.get(i))) {
                    return Mono.error(Problems.badRequest("runnerIds[" + i + "]", "the same runner is named twice"));
                }
            }
            if (current.status() == AccountStatus.CLOSED) {
                return Mono.error(Problems.conflict("this account is closed"));
            }
            return currentRunners(current.schoolId(), runnerIds).flatMap(gaps -> {
                if (!gaps.isEmpty()) {
                    return Mono.error(Problems.conflict("every runner must have acknowledged the policy and be trained",
                            gaps));
                }
                AccountStatus next = current.status() == AccountStatus.NEEDS_RUNNER ? AccountStatus.ACTIVE
                        : current.status();
                return change(caller.username(), current, "runners changed", String.join(",", runnerIds), next,
                        new Update().set("runnerIds", List.copyOf(runnerIds)));
            });
        });
    }

    public Mono<AccountDocument> close(Caller caller, String id, String reason) {
        return visible(caller, id).flatMap(current -> {
            if (!caller.hasAnyIn(current.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT or an administrator can close an account"));
            }
            if (reason == null || reason.isBlank()) {
                return Mono.error(Problems.badRequest("reason", "say why the account is closed"));
            }
            if (current.status() == AccountStatus.CLOSED) {
                return Mono.error(Problems.conflict("this account is already closed"));
            }
            return change(caller.username(), current, "closed", reason.trim(), AccountStatus.CLOSED,
                    new Update().set("closedAt", clock.instant()).set("closeReason", reason.trim()));
        });
    }

    public Mono<AccountDocument> suspend(Caller caller, String id, String reason, boolean suspend) {
        return visible(caller, id).flatMap(current -> {
            if (!caller.hasAnyIn(current.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT or an administrator can suspend or resume an account"));
            }
            if (suspend && (reason == null || reason.isBlank())) {
                return Mono.error(Problems.badRequest("reason", "say why the account is suspended"));
            }
            if (suspend && current.status() != AccountStatus.ACTIVE && current.status() != AccountStatus.NEEDS_RUNNER) {
                return Mono.error(
                        Problems.conflict("only an active account can be suspended; this one is " + current.status()));
            }
            if (!suspend && current.status() != AccountStatus.SUSPENDED) {
                return Mono.error(
                        Problems.conflict("only a suspended account can be resumed; this one is " + current.status()));
            }
            if (suspend) {
                return change(caller.username(), current, "suspended", reason.trim(), AccountStatus.SUSPENDED,
                        new Update());
            }
            return currentRunners(current.schoolId(), current.runnerIds()).flatMap(gaps -> change(caller.username(),
                    current, "resumed", null, gaps.isEmpty() ? AccountStatus.ACTIVE : AccountStatus.NEEDS_RUNNER,
                    new Update()));
        });
    }

    /** A runner left: take them off every account they ran and re-check each account. */
    Mono<Void> runnerLeft(String staffId, String by) {
        return mongo.find(Query.query(Criteria.where("runnerIds").is(staffId).and("status").ne(AccountStatus.CLOSED)),
                AccountDocument.class)
                .concatMap(account -> {
                    List<String> remaining = account.runnerIds().stream().filter(r -> !r.equals(staffId)).toList();
                    return mongo.findAndModify(Query.query(Criteria.where("_id").is(account.id())),
                            new Update().pull("runnerIds", staffId).push("history", new AccountDocument.Change(
                                    "runner left", by, clock.instant(), "staff " + staffId + " left", account.status()))
                                    .inc("revision", 1),
                            FindAndModifyOptions.options().returnNew(true), AccountDocument.class)
                            .flatMap(saved -> audit.record(new AuditEvent(by, "account.runner-left", saved.schoolId(),
                                    "account", saved.id(), summary(account), summary(saved))).thenReturn(saved))
                            .flatMap(saved -> recheck(saved, "a runner left"));
                })
                .then();
    }

    /** Marks the account as needing runners when fewer than two current ones remain, and tells SLT. */
    Mono<AccountDocument> recheck(AccountDocument account, String why) {
        if (account.status() != AccountStatus.ACTIVE) {
            return Mono.just(account);
        }
        return currentRunnerIds(account).flatMap(current -> {
            if (current.size() >= 2) {
                return Mono.just(account);
            }
            String reason = why + ": " + current.size() + " current runner(s) remain";
            return change("system", account, "needs runner", reason, AccountStatus.NEEDS_RUNNER, new Update())
                    .flatMap(saved -> events.publish(new AccountNeedsRunner(saved.id(), saved.schoolId(),
                            saved.handle(), current, reason)).thenReturn(saved))
                    .onErrorResume(org.springframework.web.ErrorResponseException.class, e -> Mono.just(account));
        });
    }

    /** Re-checks every active account (training expires, acknowledgements lapse). */
    Mono<Void> recheckAll() {
        return mongo.find(Query.query(Criteria.where("status").is(AccountStatus.ACTIVE)), AccountDocument.class)
                .concatMap(account -> recheck(account, "runner training or policy acknowledgement lapsed"))
                .then();
    }

    private Mono<List<String>> currentRunnerIds(AccountDocument account) {
        return Flux.fromIterable(account.runnerIds())
                .filterWhen(runner -> eligibility.gaps(runner, account.schoolId()).map(List::isEmpty))
                .collectList();
    }

    private Mono<List<String>> currentRunners(String schoolId, List<String> runnerIds) {
        if (runnerIds.size() < 2) {
            return Mono.error(Problems.badRequest("runnerIds", "name at least two runners"));
        }
        return Flux.fromIterable(runnerIds).concatMap(runner -> eligibility.gaps(runner, schoolId))
                .flatMapIterable(gaps -> gaps).collectList();
    }

    private Mono<AccountDocument> change(String by, AccountDocument current, String action, String note,
                                         AccountStatus next, Update changes) {
        Update update = changes.set("status", next).inc("revision", 1)
                .push("history", new AccountDocument.Change(action, by, clock.instant(), note, next));
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(current.id())
                .and("status").is(current.status()).and("revision").is(current.revision())),
                update, FindAndModifyOptions.options().returnNew(true), AccountDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.conflict(
                        "the account changed while you were looking at it; reload and try again")))
                .flatMap(saved -> audit.record(new AuditEvent(by, "account." + action.replace(' ', '-'),
                        saved.schoolId(), "account", saved.id(), summary(current), summary(saved))).thenReturn(saved));
    }

    private static Map<String, Object> summary(AccountDocument a) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", a.status());
        summary.put("handle", a.handle());
        summary.put("runnerIds", a.runnerIds());
        summary.put("revision", a.revision());
        // where the account's credentials are sent: setting it is an ADMIN act and the trail shows each value
        summary.put("connection", a.connection() == null ? Map.of() : a.connection());
        return summary;
    }

    // ---- AccountRegister

    @Override
    public Mono<SchoolAccount> account(String accountId) {
        return mongo.findById(accountId, AccountDocument.class).map(Accounts::view);
    }

    @Override
    public Flux<SchoolAccount> monitored() {
        return mongo.find(Query.query(Criteria.where("status").in(AccountStatus.ACTIVE, AccountStatus.NEEDS_RUNNER)),
                AccountDocument.class).map(Accounts::view);
    }

    @Override
    public Flux<SchoolAccount> ofSchool(String schoolId) {
        return mongo.find(Query.query(Criteria.where("schoolId").is(schoolId)).with(Sort.by("createdAt", "_id")),
                AccountDocument.class).map(Accounts::view);
    }

    @Override
    public Mono<Void> recordActivity(String accountId, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        // only ever moves forward, so late or repeated reports cannot wind it back
        return mongo.updateFirst(Query.query(new Criteria().andOperator(Criteria.where("_id").is(accountId),
                new Criteria().orOperator(Criteria.where("lastActivityAt").is(null),
                        Criteria.where("lastActivityAt").lt(when)))),
                new Update().set("lastActivityAt", when), AccountDocument.class)
                .then();
    }

    @Override
    public Mono<Void> recordHealth(String accountId, ConnectorHealth health) {
        // field by field, so that polling never wipes what the daily token check wrote (health.token)
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)), new Update()
                .set("health.state", health.state()).set("health.lastSuccessAt", health.lastSuccessAt())
                .set("health.consecutiveFailures", health.consecutiveFailures())
                .set("health.lastError", health.lastError()),
                AccountDocument.class).then();
    }

    @Override
    public Mono<Void> recordTokenHealth(String accountId, uk.hallmonitor.accounts.TokenHealth token) {
        // a check before the first poll report: the health gets its count so that it reads back as a record
        Mono<Void> counted = mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)
                .and("health.consecutiveFailures").exists(false)),
                new Update().set("health.consecutiveFailures", 0), AccountDocument.class).then();
        return counted.then(mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId)), new Update()
                .set("health.token", token), AccountDocument.class)).then();
    }

    private static SchoolAccount view(AccountDocument a) {
        return new SchoolAccount(a.id(), a.schoolId(), a.platform(), a.handle(), a.platformAccountId(),
                a.connection() == null ? Map.of() : a.connection(), a.status(), a.runnerIds(), a.lastActivityAt());
    }
}
