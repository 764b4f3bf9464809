package uk.hallmonitor.schools.internal;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolsProperties;
import uk.hallmonitor.schools.StaffLeft;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.ApiTokens;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.LoginLocks;
import uk.hallmonitor.system.security.PasswordPolicy;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/** Schools and staff: who may create, see and change them, and the records themselves. */
@Service
record StaffRecords(ReactiveMongoTemplate mongo, PasswordEncoder encoder, AuditTrail audit, DomainEvents events,
                    SchoolsProperties rules, Clock clock, LoginLocks locks) {

    /** Roles only a trust administrator may grant: they approve, lead incidents, see safeguarding, break the glass. */
    static final Set<Role> SENIOR_ROLES = Set.of(Role.SLT, Role.HEADTEACHER, Role.DSL);

    static final Set<String> REGIONS = Set.of("england-and-wales", "scotland", "northern-ireland");

    // ---- schools

    Mono<SchoolDocument> createSchool(Caller caller, Requests.NewSchool request) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator can add schools"));
        }
        String zone = request.timezone() == null || request.timezone().isBlank() ? "Europe/London" : request.timezone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            return Mono.error(
                    Problems.badRequest("timezone", "unknown time zone; use an IANA name such as Europe/London"));
        }
        SchoolDocument school = new SchoolDocument(UUID.randomUUID().toString(), request.name().trim(), request.urn(),
                zone, request.bankHolidayRegion() == null ? "england-and-wales" : request.bankHolidayRegion(),
                request.policyVersion(), clock.instant(), caller.username());
        return mongo.insert(school)
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "school.created", saved.id(),
                        "school", saved.id(), null, saved)).thenReturn(saved));
    }

    Flux<SchoolDocument> schools(Caller caller) {
        Query query = caller.isAdmin() ? new Query() : Query.query(Criteria.where("_id").is(caller.schoolId()));
        return mongo.find(query.with(Sort.by("name")), SchoolDocument.class);
    }

    Mono<SchoolDocument> school(Caller caller, String schoolId) {
        return mongo.findById(schoolId, SchoolDocument.class)
                .transform(SchoolScopedPages.visibleTo(caller, SchoolDocument::id, "school", schoolId));
    }

    // ---- staff

    Mono<StaffDocument> createStaff(Caller caller, Requests.NewStaff request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        PasswordPolicy.problem(request.password()).ifPresent(p -> errors.add(new Problems.FieldError("password", p)));
        Set<Role> roles = new LinkedHashSet<>(request.roles());
        if (roles.size() != request.roles().size()) {
            errors.add(new Problems.FieldError("roles", "a role is listed twice"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        if (!caller.canSee(request.schoolId())) {
            return Mono.error(Problems.notFound("school", request.schoolId()));
        }
        if (!caller.hasAnyIn(request.schoolId(), Role.ADMIN, Role.SLT)) {
            return Mono.error(Problems.forbidden("only an administrator or SLT of the school can add staff"));
        }
        if (roles.contains(Role.ADMIN) && !caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator can grant the ADMIN role"));
        }
        Set<Role> senior = new LinkedHashSet<>(roles);
        senior.retainAll(SENIOR_ROLES);
        if (!senior.isEmpty() && !caller.isAdmin()) {
            // SLT could otherwise mint a head teacher (break-glass) or a second SLT member to approve its own requests
            return audit.record(new AuditEvent(caller.username(), "staff.grant-refused", request.schoolId(), "staff",
                    null, null, java.util.Map.of("username", request.username(), "roles", senior)))
                    .then(Mono.error(Problems.forbidden("granting " + senior + " is an administrator's act: "
                            + "ask a trust administrator (ADMIN) to add this person with these roles")));
        }
        return mongo.findById(request.schoolId(), SchoolDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("schoolId", "no school with this id")))
                .flatMap(school -> usernameFree(request.username()))
                .then(Mono.fromCallable(() -> encoder.encode(request.password()))
                        .subscribeOn(Schedulers.boundedElastic()))
                .flatMap(hash -> mongo.insert(new StaffDocument(UUID.randomUUID().toString(), request.schoolId(),
                        request.name().trim(), request.email().trim(), request.username().toLowerCase(Locale.ROOT),
                        hash, roles, true, null,
                        List.of(), List.of(), List.of(), clock.instant(), caller.username(), null)))
                .onErrorMap(org.springframework.dao.DuplicateKeyException.class,
                        e -> Problems.badRequest("username", "this username is taken; choose another"))
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "staff.created", saved.schoolId(),
                        "staff", saved.id(), null, StaffViews.safe(saved))).thenReturn(saved));
    }

    private Mono<Void> usernameFree(String username) {
        return mongo
                .exists(Query.query(Criteria.where("username").is(username.toLowerCase(Locale.ROOT))),
                        StaffDocument.class)
                .flatMap(taken -> taken
                        ? Mono.error(Problems.badRequest("username", "this username is taken; choose another"))
                        : Mono.empty());
    }

    Mono<StaffDocument> staff(Caller caller, String staffId) {
        return mongo.findById(staffId, StaffDocument.class)
                .filter(staff -> caller.isAdmin() || (staff.schoolId() != null && caller.canSee(staff.schoolId())))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("staff member", staffId)));
    }

    Mono<PageResponse<StaffDocument>> list(Caller caller, String schoolId, Paging paging) {
        return SchoolScopedPages.page(mongo, StaffDocument.class, caller, schoolId, null, Sort.by("name"), paging);
    }

    Mono<StaffDocument> acknowledge(Caller caller, String staffId, Requests.NewAcknowledgement request) {
        return staff(caller, staffId).flatMap(staff -> {
            boolean self = staff.id().equals(caller.staffId());
            if (!self && !caller.hasAnyIn(staff.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(
                        Problems.forbidden("only the person, SLT or an administrator can record an acknowledgement"));
            }
            if (request.signedOn().isAfter(today(staff))) {
                return Mono.error(Problems.badRequest("signedOn", "cannot be in the future"));
            }
            var ack = new StaffDocument.Acknowledgement(request.policyVersion().trim(), request.signedOn(),
                    clock.instant(),
                    caller.username());
            return push(staff, "acknowledgements", ack, caller, "staff.acknowledged");
        });
    }

    Mono<StaffDocument> train(Caller caller, String staffId, Requests.NewTraining request) {
        return staff(caller, staffId).flatMap(staff -> {
            if (!caller.hasAnyIn(staff.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT or an administrator can record training"));
            }
            if (request.completedOn().isAfter(today(staff))) {
                return Mono.error(Problems.badRequest("completedOn", "cannot be in the future"));
            }
            LocalDate expires = request.expiresOn() == null ? request.completedOn().plus(rules.trainingValidity())
                    : request.expiresOn();
            if (!expires.isAfter(request.completedOn())) {
                return Mono.error(Problems.badRequest("expiresOn", "must be after completedOn"));
            }
            var training =
                    new StaffDocument.Training(request.course().trim(), request.completedOn(), expires, clock.instant(),
                            caller.username());
            return push(staff, "training", training, caller, "staff.trained");
        });
    }

    private Mono<StaffDocument> push(StaffDocument staff, String field, Object item, Caller caller, String action) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(staff.id()).and("active").is(true)),
                new Update().push(field, item).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), StaffDocument.class)
                .switchIfEmpty(
                        Mono.error(() -> Problems.conflict("this person has left; records can no longer be added")))
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), action, saved.schoolId(), "staff",
                        saved.id(), null, item)).thenReturn(saved));
    }

    Mono<StaffDocument> leave(Caller caller, String staffId) {
        return staff(caller, staffId).flatMap(staff -> {
            if (!caller.hasAnyIn(staff.schoolId(), Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only SLT or an administrator can record a leaver"));
            }
            Instant at = clock.instant();
            return mongo.findAndModify(Query.query(Criteria.where("_id").is(staffId).and("active").is(true)),
                    new Update().set("active", false).set("leftAt", at).set("apiTokens", List.of())
                            .inc("version", 1),
                    FindAndModifyOptions.options().returnNew(true), StaffDocument.class)
                    .switchIfEmpty(Mono.error(() -> Problems.conflict("this person has already left")))
                    .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "staff.left", saved.schoolId(),
                            "staff", saved.id(), StaffViews.safe(staff), StaffViews.safe(saved)))
                            .then(events.publish(new StaffLeft(saved.id(), saved.schoolId(), saved.name(), at,
                                    caller.username())))
                            .thenReturn(saved));
        });
    }

    /** An administrator lifts every failed-login lock of the person's username, from every address; audited. */
    Mono<Unlocked> unlock(Caller caller, String staffId) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only a trust administrator can lift a login lock"));
        }
        return staff(caller, staffId).flatMap(staff -> {
            int cleared = locks.unlock(staff.username());
            Unlocked result = new Unlocked(staff.id(), staff.username(), cleared);
            return audit.record(new AuditEvent(caller.username(), "staff.unlocked", staff.schoolId(), "staff",
                    staff.id(), null, java.util.Map.of("username", staff.username(), "locksCleared", cleared)))
                    .thenReturn(result);
        });
    }

    /** What an unlock did: how many (username, address) locks or failure counts were cleared. */
    record Unlocked(String staffId, String username, int locksCleared) {
    }

    // ---- personal API tokens

    Mono<IssuedToken> issueToken(Caller caller, Requests.NewToken request) {
        String token = ApiTokens.newToken();
        var record = new StaffDocument.ApiToken(UUID.randomUUID().toString(), request.name().trim(),
                ApiTokens.hash(token), clock.instant());
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(caller.staffId()).and("active").is(true)),
                new Update().push("apiTokens", record), StaffDocument.class)
                .switchIfEmpty(Mono.error(() -> Problems.conflict("this account cannot hold tokens")))
                .flatMap(staff -> audit.record(new AuditEvent(caller.username(), "token.issued", staff.schoolId(),
                        "staff", staff.id(), null, java.util.Map.of("tokenId", record.id(), "name", record.name()))))
                .thenReturn(new IssuedToken(record.id(), record.name(), token, record.createdAt()));
    }

    Mono<Void> revokeToken(Caller caller, String tokenId) {
        return mongo
                .updateFirst(Query.query(Criteria.where("_id").is(caller.staffId()).and("apiTokens.id").is(tokenId)),
                        new Update().pull("apiTokens", Query.query(Criteria.where("id").is(tokenId)).getQueryObject()),
                        StaffDocument.class)
                .flatMap(result -> result.getModifiedCount() == 0 ? Mono.error(Problems.notFound("token", tokenId))
                        : audit.record(new AuditEvent(caller.username(), "token.revoked", caller.schoolId(), "staff",
                                caller.staffId(), null, java.util.Map.of("tokenId", tokenId))));
    }

    /** A token as shown once to its owner. */
    record IssuedToken(String id, String name, String token, Instant createdAt) {
    }

    // ---- eligibility

    Mono<String> requiredPolicyVersion(String schoolId) {
        return mongo.findById(schoolId, SchoolDocument.class)
                .map(s -> s.policyVersion() != null && !s.policyVersion().isBlank() ? s.policyVersion()
                        : rules.policyVersion())
                .defaultIfEmpty(rules.policyVersion());
    }

    LocalDate today(StaffDocument staff) {
        return LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
    }
}
