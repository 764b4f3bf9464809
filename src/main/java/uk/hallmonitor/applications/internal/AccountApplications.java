package uk.hallmonitor.applications.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.applications.ApplicationApproved;
import uk.hallmonitor.applications.ApprovedApplications;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.RunnerEligibility;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * The business-case workflow. Each step is one atomic update guarded by the status and revision the caller saw,
 * so two SLT members deciding at once cannot both win.
 */
@Service
public record AccountApplications(ReactiveMongoTemplate mongo, SchoolDirectory directory, RunnerEligibility eligibility,
                           AuditTrail audit, DomainEvents events, Clock clock)
        implements ApprovedApplications {

    public Mono<AccountApplication> draft(Caller caller, ApplicationForm form) {
        if (!caller.canSee(form.schoolId()) || !(caller.isAdmin() || caller.schoolId().equals(form.schoolId()))) {
            return Mono.error(Problems.notFound("school", form.schoolId()));
        }
        return directory.school(form.schoolId())
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("schoolId", "no school with this id")))
                .then(checkRunners(form.schoolId(), form.runnerIds()))
                .then(Mono.defer(() -> {
                    Instant now = clock.instant();
                    AccountApplication application = new AccountApplication(UUID.randomUUID().toString(),
                            form.schoolId(), caller.staffId(), caller.username(), form.platform(), form.handle().trim(),
                            form.aim().trim(), form.audience().trim(), form.promotion().trim(),
                            List.copyOf(form.runnerIds()), form.visibility(), ApplicationStatus.DRAFT,
                            List.of(new AccountApplication.Step("drafted", caller.staffId(), caller.username(), now,
                                    null, ApplicationStatus.DRAFT)),
                            now, now, 0);
                    return mongo.insert(application);
                }))
                .flatMap(saved -> audited(caller, "application.drafted", null, saved));
    }

    /** Runners: distinct, members of staff of this school, still working there. */
    private Mono<Void> checkRunners(String schoolId, List<String> runnerIds) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < runnerIds.size(); i++) {
            if (!seen.add(runnerIds.get(i))) {
                return Mono.error(Problems.badRequest("runnerIds[" + i + "]",
                        "the same runner is named twice; name at least two different people"));
            }
        }
        return Flux.range(0, runnerIds.size())
                .concatMap(i -> directory.staff(runnerIds.get(i))
                        .filter(staff -> schoolId.equals(staff.schoolId()))
                        .map(staff -> staff.active() ? List.<Problems.FieldError>of()
                                : List.of(new Problems.FieldError("runnerIds[" + i + "]",
                                        staff.name() + " has left the school")))
                        .defaultIfEmpty(List.of(new Problems.FieldError("runnerIds[" + i + "]",
                                "no member of staff of this school has id " + runnerIds.get(i)))))
                .flatMapIterable(errors -> errors)
                .collectList()
                .flatMap(errors -> errors.isEmpty() ? Mono.empty() : Mono.error(Problems.invalid(errors)));
    }

    public Mono<AccountApplication> amend(Caller caller, String id, ApplicationForm form) {
        return visible(caller, id).flatMap(current -> {
            if (!current.applicantId().equals(caller.staffId())) {
                return Mono.error(Problems.forbidden("only the applicant can amend an application"));
            }
            if (!form.schoolId().equals(current.schoolId())) {
                return Mono.error(Problems.badRequest("schoolId", "an application cannot move to another school"));
            }
            if (current.status() != ApplicationStatus.DRAFT && current.status() != ApplicationStatus.REJECTED) {
                return Mono
                        .error(Problems.conflict("only a draft or a rejected application can be amended; this one is "
                                + current.status()));
            }
            return checkRunners(current.schoolId(), form.runnerIds()).then(step(caller, current, current.status(),
                    ApplicationStatus.DRAFT, "amended", null, new Update()
                            .set("platform", form.platform()).set("handle", form.handle().trim())
                            .set("aim", form.aim().trim()).set("audience", form.audience().trim())
                            .set("promotion", form.promotion().trim()).set("runnerIds", List.copyOf(form.runnerIds()))
                            .set("visibility", form.visibility())));
        });
    }

    public Mono<AccountApplication> submit(Caller caller, String id) {
        return visible(caller, id).flatMap(current -> {
            if (!current.applicantId().equals(caller.staffId())) {
                return Mono.error(Problems.forbidden("only the applicant can submit an application"));
            }
            return expect(current, ApplicationStatus.DRAFT, "submitted")
                    .then(step(caller, current, ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, "submitted", null,
                            new Update()));
        });
    }

    public Mono<AccountApplication> withdraw(Caller caller, String id) {
        return visible(caller, id).flatMap(current -> {
            if (!current.applicantId().equals(caller.staffId())) {
                return Mono.error(Problems.forbidden("only the applicant can withdraw an application"));
            }
            if (current.status() != ApplicationStatus.DRAFT && current.status() != ApplicationStatus.SUBMITTED) {
                return Mono
                        .error(Problems.conflict("only a draft or submitted application can be withdrawn; this one is "
                                + current.status()));
            }
            return step(caller, current, current.status(), ApplicationStatus.WITHDRAWN, "withdrawn", null,
                    new Update());
        });
    }

    public Mono<AccountApplication> reject(Caller caller, String id, String reason) {
        return decidable(caller, id).flatMap(current -> {
            if (reason == null || reason.isBlank()) {
                return Mono.error(Problems.badRequest("reason", "say why the application is rejected"));
            }
            return step(caller, current, ApplicationStatus.SUBMITTED, ApplicationStatus.REJECTED, "rejected",
                    reason.trim(), new Update());
        });
    }

    public Mono<AccountApplication> approve(Caller caller, String id, String note) {
        return decidable(caller, id).flatMap(current -> Flux.fromIterable(current.runnerIds())
                .concatMap(runner -> eligibility.gaps(runner, current.schoolId()))
                .flatMapIterable(gaps -> gaps)
                .collectList()
                .flatMap(gaps -> {
                    if (!gaps.isEmpty()) {
                        return Mono.error(Problems.conflict("approval refused: every runner must have read and "
                                + "acknowledged the policy and be trained", gaps));
                    }
                    return step(caller, current, ApplicationStatus.SUBMITTED, ApplicationStatus.APPROVED, "approved",
                            note == null || note.isBlank() ? null : note.trim(), new Update());
                }))
                .flatMap(approved -> events.publish(approvedEvent(approved)).thenReturn(approved));
    }

    /** Applications SLT may decide: submitted, of their school, not their own. */
    private Mono<AccountApplication> decidable(Caller caller, String id) {
        return visible(caller, id).flatMap(current -> {
            if (!caller.hasAnyIn(current.schoolId(), Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT of the school can approve or reject applications"));
            }
            if (current.applicantId().equals(caller.staffId())) {
                return Mono.error(Problems.forbidden("nobody decides their own application; another SLT member must"));
            }
            return expect(current, ApplicationStatus.SUBMITTED, "decided").thenReturn(current);
        });
    }

    private static Mono<Void> expect(AccountApplication current, ApplicationStatus expected, String action) {
        return current.status() == expected ? Mono.empty()
                : Mono.error(Problems.conflict("an application can be " + action + " only when " + expected
                        + "; this one is " + current.status()));
    }

    private Mono<AccountApplication> step(Caller caller, AccountApplication current, ApplicationStatus from,
                                          ApplicationStatus to, String action, String note, Update changes) {
        Instant now = clock.instant();
        var step = new AccountApplication.Step(action, caller.staffId(), caller.username(), now, note, to);
        Update update = changes.set("status", to).set("updatedAt", now).push("history", step).inc("revision", 1);
        Query guard = Query.query(Criteria.where("_id").is(current.id()).and("status").is(from)
                .and("revision").is(current.revision()));
        return mongo
                .findAndModify(guard, update, FindAndModifyOptions.options().returnNew(true), AccountApplication.class)
                .switchIfEmpty(Mono.error(() -> Problems.conflict(
                        "the application changed while you were looking at it; reload and try again")))
                .flatMap(saved -> audited(caller, "application." + action, current, saved));
    }

    private Mono<AccountApplication> audited(Caller caller, String action, AccountApplication before,
                                             AccountApplication after) {
        return audit.record(new AuditEvent(caller.username(), action, after.schoolId(), "application", after.id(),
                before == null ? null : summary(before), summary(after))).thenReturn(after);
    }

    private static Object summary(AccountApplication a) {
        return java.util.Map.of("status", a.status(), "platform", a.platform(), "handle", a.handle(),
                "runnerIds", a.runnerIds(), "visibility", a.visibility(), "revision", a.revision());
    }

    public Mono<AccountApplication> visible(Caller caller, String id) {
        return mongo.findById(id, AccountApplication.class)
                .transform(SchoolScopedPages.visibleTo(caller, AccountApplication::schoolId, "application", id));
    }

    public Mono<PageResponse<AccountApplication>> list(Caller caller, String schoolId, ApplicationStatus status,
                                                       Paging paging) {
        return SchoolScopedPages.page(mongo, AccountApplication.class, caller, schoolId,
                status == null ? null : Criteria.where("status").is(status),
                Sort.by(Sort.Direction.DESC, "updatedAt"), paging);
    }

    /** The caller's own applications, newest first: what "my applications" shows, whatever their status. */
    public Flux<AccountApplication> mine(Caller caller, int limit) {
        if (caller.staffId() == null) {
            return Flux.empty();
        }
        return mongo.find(Query.query(Criteria.where("applicantId").is(caller.staffId()))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit), AccountApplication.class);
    }

    @Override
    public Flux<ApplicationApproved> all() {
        return mongo
                .find(Query.query(Criteria.where("status").is(ApplicationStatus.APPROVED)), AccountApplication.class)
                .map(AccountApplications::approvedEvent);
    }

    private static ApplicationApproved approvedEvent(AccountApplication a) {
        AccountApplication.Step last = a.history().stream()
                .filter(s -> s.status() == ApplicationStatus.APPROVED).reduce((x, y) -> y).orElseThrow();
        return new ApplicationApproved(a.id(), a.schoolId(), a.platform(), a.handle(), a.visibility(),
                a.runnerIds(), last.by(), last.at());
    }
}
