package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * Public-mention watches (R8): created and deleted by ADMIN or the school's SLT, seen by the school's staff, polled
 * like accounts. A watch of another school is "not found", never "forbidden", so ids reveal nothing. Monitoring does
 * not read the school directory (module graph): staff can only name their own school, and an administrator is
 * trusted to name an existing one. A watch that borrows an account's credentials is checked here when saved and
 * by the poller before every poll ({@link CredentialLending}); its connection settings are shown only to those who
 * may manage watches.
 */
@Component
record WatchStore(ReactiveMongoTemplate mongo, SourceStates states, AuditTrail audit, AccountRegister register,
                  OutboundPolicy outbound, Clock clock) {

    Mono<WatchView> create(Caller caller, WatchRequest request) {
        return Mono.fromCallable(() -> request.check(outbound)).flatMap(checked -> {
            if (!caller.canSee(checked.schoolId())) {
                return Mono.error(Problems.notFound("school", checked.schoolId()));
            }
            if (!caller.hasAnyIn(checked.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only an administrator or the school's SLT may add watches"));
            }
            return lending(caller, checked).then(Mono.defer(() -> insert(caller, checked)));
        });
    }

    /**
     * A borrowed credential must be lent by an ACTIVE account of the watch's school on its platform (400 otherwise),
     * and only an administrator may send it anywhere but the lending account's own {@code baseUrl} (403).
     */
    private Mono<Void> lending(Caller caller, WatchRequest.Checked checked) {
        String lender = CredentialLending.lender(checked.connection());
        if (lender == null) {
            return Mono.empty();
        }
        return CredentialLending.refusal(register, checked.schoolId(), checked.platform(), lender)
                .flatMap(refused -> {
                    if (refused.isPresent()) {
                        return Mono.error(Problems.badRequest(CredentialLending.FIELD, refused.get()));
                    }
                    return register.account(lender).flatMap(account -> {
                        String own = account.connection().get("baseUrl");
                        String wanted = checked.connection().get("baseUrl");
                        if (wanted != null && !sameRoot(wanted, own) && !caller.isAdmin()) {
                            return Mono.error(Problems.forbidden("only an administrator may send account " + lender
                                    + "'s credentials to an address other than the account's own"
                                    + (own == null ? " platform default" : " (" + own + ")")
                                    + "; leave connection.baseUrl out or ask an administrator"));
                        }
                        return Mono.<Void>empty();
                    });
                });
    }

    private static boolean sameRoot(String a, String b) {
        if (b == null) {
            return false;
        }
        String left = a.strip().toLowerCase(java.util.Locale.ROOT);
        String right = b.strip().toLowerCase(java.util.Locale.ROOT);
        return (left.endsWith("/") ? left : left + "/").equals(right.endsWith("/") ? right : right + "/");
    }

    private Mono<WatchView> insert(Caller caller, WatchRequest.Checked checked) {
        WatchDocument watch = new WatchDocument(UUID.randomUUID().toString(), checked.schoolId(), checked.platform(),
                checked.terms(), checked.connection(), caller.username(), clock.instant());
        // the trail keeps the whole connection: where a borrowed credential is sent, and who chose it
        return mongo.insert(watch)
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "watch.created", saved.schoolId(),
                        "watch", saved.id(), null, WatchView.of(saved, null)))
                        .thenReturn(WatchView.of(saved, null, caller)));
    }

    Mono<PageResponse<WatchView>> list(Caller caller, String schoolId, int page, int size) {
        try {
            Paging.of(page, size);
        } catch (RuntimeException bad) {
            return Mono.error(bad);
        }
        Criteria criteria = new Criteria();
        if (schoolId != null && !schoolId.isBlank()) {
            if (!caller.canSee(schoolId)) {
                return Mono.error(Problems.notFound("school", schoolId));
            }
            criteria = Criteria.where("schoolId").is(schoolId);
        } else if (!caller.isAdmin()) {
            if (caller.schoolId() == null) {
                return Mono.just(new PageResponse<>(List.of(), page, size, 0));
            }
            criteria = Criteria.where("schoolId").is(caller.schoolId());
        }
        Query items = Query.query(criteria).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(items, WatchDocument.class).collectList()
                .flatMap(found -> withHealth(found, caller)),
                mongo.count(Query.query(criteria), WatchDocument.class))
                .map(both -> new PageResponse<>(both.getT1(), page, size, both.getT2()));
    }

    Mono<WatchView> get(Caller caller, String id) {
        return visible(caller, id).flatMap(watch -> withHealth(List.of(watch), caller).map(views -> views.get(0)));
    }

    Mono<Void> delete(Caller caller, String id) {
        return visible(caller, id).flatMap(watch -> {
            if (!caller.hasAnyIn(watch.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only an administrator or the school's SLT may remove watches"));
            }
            return mongo.remove(Query.query(Criteria.where("_id").is(watch.id())), WatchDocument.class)
                    .then(states.remove("watch:" + watch.id()))
                    .then(audit.record(new AuditEvent(caller.username(), "watch.deleted", watch.schoolId(), "watch",
                            watch.id(), WatchView.of(watch, null), null)));
        });
    }

    /** Replaces the watch's search terms (ADMIN or the school's SLT), checked as when it was created. */
    Mono<WatchView> changeTerms(Caller caller, String id, List<String> terms) {
        return visible(caller, id).flatMap(watch -> {
            if (!caller.hasAnyIn(watch.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only an administrator or the school's SLT may change watches"));
            }
            WatchRequest.Checked checked = new WatchRequest(watch.schoolId(), watch.platform().name(), terms,
                    watch.connection()).check(outbound);
            return mongo.findAndModify(Query.query(Criteria.where("_id").is(id)),
                    new org.springframework.data.mongodb.core.query.Update().set("terms", checked.terms()),
                    org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
                    WatchDocument.class)
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("watch", id)))
                    .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "watch.terms-changed",
                            saved.schoolId(), "watch", saved.id(), java.util.Map.of("terms", watch.terms()),
                            java.util.Map.of("terms", saved.terms())))
                            .then(get(caller, id)));
        });
    }

    /** Every watch, for the dispatcher. */
    Flux<WatchDocument> all() {
        return mongo.findAll(WatchDocument.class);
    }

    private Mono<WatchDocument> visible(Caller caller, String id) {
        return mongo.findById(id, WatchDocument.class)
                .transform(SchoolScopedPages.visibleTo(caller, WatchDocument::schoolId, "watch", id));
    }

    private Mono<List<WatchView>> withHealth(List<WatchDocument> watches, Caller caller) {
        if (watches.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> keys = watches.stream().map(watch -> "watch:" + watch.id()).toList();
        return states.findAll(keys).collectMap(SourceState::sourceId, Function.identity())
                .map(byId -> watches.stream().map(watch -> WatchView.of(watch, byId.get(watch.id()), caller))
                        .collect(Collectors.toList()));
    }
}
