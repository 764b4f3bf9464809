package uk.hallmonitor.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.IncidentDesk;
import uk.hallmonitor.moderation.IncidentRequest;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * The incident log: opening (by people, and by moderation through {@link IncidentDesk}), the status workflow, notes
 * and the trail. Every change is one atomic update guarded by the status or version it started from, and is also
 * written to the audit trail.
 */
@Component
record IncidentLog(ReactiveMongoTemplate mongo, SchoolDirectory directory, AuditTrail audit, Posts posts, Clock clock)
        implements IncidentDesk {

    static final int MAX_TEXT = 2_000;
    static final Role[] READERS = {Role.DSL, Role.SLT, Role.HEADTEACHER, Role.ADMIN};
    static final Role[] WRITERS = {Role.DSL, Role.SLT, Role.ADMIN};
    private static final String COUNTERS = "incident_counters";

    @Override
    public Mono<String> open(IncidentRequest request) {
        return bySource(request.sourceKey())
                .map(Incident::id)
                .switchIfEmpty(Mono.defer(() -> insert(request.schoolId(), request.sourceKey(), request.category(),
                        request.severity(), request.owner(), request.postIds(), request.note(), request.actor())
                        .map(Incident::id)));
    }

    Mono<Incident> create(Caller caller, IncidentRequests.Create request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String school = request.schoolId() != null ? request.schoolId() : caller.schoolId();
        if (school == null) {
            errors.add(new Problems.FieldError("schoolId", "name the school"));
        }
        if (request.category() == null || request.category().isBlank()) {
            errors.add(new Problems.FieldError("category", "name the category, e.g. BULLYING or SUSPECTED_ILLEGAL"));
        } else if (request.category().length() > 100) {
            errors.add(new Problems.FieldError("category", "at most 100 characters"));
        }
        String severity = severity(request.severity(), errors);
        if (request.status() != null && !"OPEN".equalsIgnoreCase(request.status().strip())) {
            errors.add(new Problems.FieldError("status", "a new incident is OPEN; move it on with a transition"));
        }
        if (request.notes() != null && request.notes().length() > MAX_TEXT) {
            errors.add(new Problems.FieldError("notes", "at most 2,000 characters"));
        }
        List<String> postIds = request.postIds() == null ? List.of() : request.postIds();
        if (postIds.size() > 100 || postIds.stream().anyMatch(id -> id == null || id.isBlank() || id.length() > 100)) {
            errors.add(new Problems.FieldError("postIds", "up to 100 post ids, none blank"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        if (!caller.canSee(school)) {
            return Mono.error(Problems.notFound("school", school));
        }
        if (!caller.hasAnyIn(school, WRITERS)) {
            return Mono.error(Problems.forbidden("incidents are opened by the DSL or SLT"));
        }
        return owner(school, request.owner())
                .then(Mono.defer(() -> postsOfSchool(school, postIds)))
                .then(Mono.defer(() -> insert(school, "manual:" + new org.bson.types.ObjectId().toHexString(),
                        request.category().strip(), severity, request.owner(), postIds, request.notes(),
                        caller.username())));
    }

    /**
     * Every linked post must be one of the school's: a DSL of one school cannot pull another school's posts into
     * their incident (an id of another school is answered like an unknown one, so ids reveal nothing).
     */
    private Mono<Void> postsOfSchool(String school, List<String> postIds) {
        return reactor.core.publisher.Flux.range(0, postIds.size())
                .concatMap(i -> posts.post(postIds.get(i))
                        .filter(post -> school.equals(post.schoolId()))
                        .hasElement()
                        .filter(found -> !found)
                        .map(missing -> new Problems.FieldError("postIds[" + i + "]", "no post with id "
                                + postIds.get(i) + " in this school; link only posts of the incident's school")))
                .collectList()
                .flatMap(errors -> errors.isEmpty() ? Mono.<Void>empty() : Mono.error(Problems.invalid(errors)));
    }

    Mono<Incident> one(Caller caller, String id) {
        return mongo.findById(id, Incident.class).transform(SchoolScopedPages.readableBy(caller, Incident::schoolId,
                "incident", id, READERS, "the incident log is for the DSL and SLT"));
    }

    Mono<PageResponse<Incident>> page(Caller caller, String schoolId, String status, int page, int size) {
        List<Problems.FieldError> errors = new ArrayList<>();
        IncidentStatus wanted = null;
        if (status != null) {
            try {
                wanted = IncidentStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new Problems.FieldError("status", "use OPEN, ASSESSED, ACTIONED or CLOSED"));
            }
        }
        errors.addAll(Paging.errors(page, size));
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        IncidentStatus chosen = wanted;
        return SchoolScopedPages.forReaders(caller, schoolId, READERS, "the incident log is for the DSL and SLT",
                school -> PagedQuery.everything().is("schoolId", school).is("status", chosen)
                        .page(mongo, Incident.class, PagedQuery.newestFirst("createdAt"), page, size));
    }

    Mono<Incident> transition(Caller caller, String id, IncidentRequests.Transition request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        IncidentStatus to = null;
        if (request == null || request.to() == null) {
            errors.add(new Problems.FieldError("to", "name the new status: ASSESSED, ACTIONED or CLOSED"));
        } else {
            try {
                to = IncidentStatus.valueOf(request.to().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new Problems.FieldError("to", "unknown status '" + request.to()
                        + "'; use ASSESSED, ACTIONED or CLOSED"));
            }
        }
        if (to == IncidentStatus.CLOSED && (request.outcome() == null || request.outcome().isBlank())) {
            errors.add(new Problems.FieldError("outcome", "an incident cannot be closed without an outcome"));
        }
        if (request != null && request.outcome() != null && request.outcome().length() > MAX_TEXT) {
            errors.add(new Problems.FieldError("outcome", "at most 2,000 characters"));
        }
        if (request != null && request.note() != null && request.note().length() > MAX_TEXT) {
            errors.add(new Problems.FieldError("note", "at most 2,000 characters"));
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        IncidentStatus target = to;
        return writable(caller, id).flatMap(incident -> {
            if (!incident.status().canMoveTo(target)) {
                return Mono.error(Problems.conflict("incident " + id + " is " + incident.status()
                        + " and cannot move to " + target,
                        List.of("allowed from " + incident.status() + ": " + incident.status().next())));
            }
            Instant now = clock.instant();
            Update update = new Update().set("status", target).inc("version", 1)
                    .push("trail", new Incident.Step(now, caller.username(), "status", incident.status(), target,
                            request.note()));
            if (request.outcome() != null) {
                update = update.set("outcome", request.outcome().strip());
            }
            if (request.note() != null && !request.note().isBlank()) {
                update = update.push("notes", new Incident.Note(request.note().strip(), caller.username(), now));
            }
            Update change = update;
            return owner(incident.schoolId(), request.owner())
                    .then(Mono.defer(() -> {
                        Update withOwner = request.owner() == null ? change : change.set("owner", request.owner());
                        return mongo.findAndModify(query(where("_id").is(id).and("status").is(incident.status())),
                                withOwner, FindAndModifyOptions.options().returnNew(true), Incident.class);
                    }))
                    .switchIfEmpty(Mono.error(() -> Problems.conflict("incident " + id
                            + " was changed by someone else meanwhile; reload it")))
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "incident.transition",
                            after.schoolId(), "incident", id, Map.of("status", incident.status().name()),
                            Map.of("status", target.name(), "outcome", String.valueOf(after.outcome()))))
                            .thenReturn(after));
        });
    }

    Mono<Incident> note(Caller caller, String id, IncidentRequests.NewNote request) {
        if (request == null || request.text() == null || request.text().isBlank()) {
            return Mono.error(Problems.badRequest("text", "write the note"));
        }
        if (request.text().length() > MAX_TEXT) {
            return Mono.error(Problems.badRequest("text", "at most 2,000 characters"));
        }
        return writable(caller, id).flatMap(incident -> {
            Instant now = clock.instant();
            return mongo.findAndModify(query(where("_id").is(id)), new Update()
                    .push("notes", new Incident.Note(request.text().strip(), caller.username(), now))
                    .push("trail", new Incident.Step(now, caller.username(), "note",
                            incident.status(), incident.status(), null))
                    .inc("version", 1),
                    FindAndModifyOptions.options().returnNew(true), Incident.class)
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "incident.note",
                            after.schoolId(), "incident", id, null, Map.of("notes", after.notes().size())))
                            .thenReturn(after));
        });
    }

    /** Roles whose active holders may own an incident. */
    static final Role[] OWNERS = {Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.SLT};

    /** The incident with its owner's name. */
    Mono<IncidentView> view(Incident incident) {
        if (incident.owner() == null) {
            return Mono.just(new IncidentView(incident, null));
        }
        return directory.staff(incident.owner()).map(staff -> new IncidentView(incident, staff.name()))
                .defaultIfEmpty(new IncidentView(incident, null));
    }

    /** Staff of the school who may own an incident, by name. */
    Mono<List<EligibleOwner>> eligibleOwners(Caller caller, String schoolId) {
        String school = schoolId != null ? schoolId : caller.schoolId();
        if (school == null) {
            return Mono.error(Problems.badRequest("schoolId", "name the school"));
        }
        if (!caller.canSee(school)) {
            return Mono.error(Problems.notFound("school", school));
        }
        if (!caller.hasAnyIn(school, READERS)) {
            return Mono.error(Problems.forbidden("the incident log is for the DSL and SLT"));
        }
        java.util.Map<String, EligibleOwner> owners = new java.util.LinkedHashMap<>();
        return reactor.core.publisher.Flux.fromArray(OWNERS)
                .concatMap(role -> directory.staffWithRole(school, role))
                .filter(uk.hallmonitor.schools.StaffView::active)
                .doOnNext(staff -> owners.putIfAbsent(staff.id(), new EligibleOwner(staff.id(), staff.name(),
                        java.util.Arrays.stream(OWNERS).filter(staff.roles()::contains).map(Role::name).toList())))
                .then(Mono.fromSupplier(() -> owners.values().stream()
                        .sorted(java.util.Comparator.comparing(EligibleOwner::name)).toList()));
    }

    private Mono<Incident> writable(Caller caller, String id) {
        return one(caller, id).flatMap(incident -> caller.hasAnyIn(incident.schoolId(), WRITERS)
                ? Mono.just(incident) : Mono.error(Problems.forbidden("only the DSL and SLT change incidents")));
    }

    private Mono<Void> owner(String schoolId, String ownerId) {
        if (ownerId == null) {
            return Mono.empty();
        }
        return directory.staff(ownerId)
                .filter(staff -> schoolId.equals(staff.schoolId()) && staff.active())
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("owner", "no active staff member " + ownerId
                        + " in this school; GET /api/v1/incidents/owners?schoolId=" + schoolId
                        + " lists who may own one, by name")))
                .filter(staff -> java.util.Arrays.stream(OWNERS).anyMatch(staff.roles()::contains))
                .switchIfEmpty(Mono.error(() -> Problems.badRequest("owner", "staff member " + ownerId
                        + " is not a DSL, deputy DSL, head teacher or SLT; GET /api/v1/incidents/owners?schoolId="
                        + schoolId + " lists who may own one")))
                .then();
    }

    private Mono<Incident> bySource(String sourceKey) {
        return mongo.findOne(query(where("sourceKey").is(sourceKey)), Incident.class);
    }

    private Mono<Incident> insert(String schoolId, String sourceKey, String category, String severity, String owner,
                                  List<String> postIds, String note, String actor) {
        Instant now = clock.instant();
        return nextNumber(now).flatMap(number -> {
            List<Incident.Note> notes = note == null || note.isBlank() ? List.of()
                    : List.of(new Incident.Note(note.strip(), actor, now));
            Incident incident = new Incident(number, schoolId, sourceKey, category, severity, IncidentStatus.OPEN,
                    owner, postIds, notes, null,
                    List.of(new Incident.Step(now, actor, "opened", null, IncidentStatus.OPEN, null)), 0, now, actor);
            return mongo.insert(incident)
                    .flatMap(stored -> audit.record(new AuditEvent(actor, "incident.opened", schoolId, "incident",
                            number, null, Map.of("category", category, "severity", severity,
                                    "source", sourceKey, "posts", postIds)))
                            .thenReturn(stored))
                    // another instance opened it for the same source first: that one is the incident
                    .onErrorResume(DuplicateKeyException.class, raced -> bySource(sourceKey));
        });
    }

    private Mono<String> nextNumber(Instant now) {
        int year = now.atOffset(ZoneOffset.UTC).getYear();
        return mongo.findAndModify(query(where("_id").is("incident-" + year)), new Update().inc("seq", 1),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, COUNTERS)
                .map(counter -> String.format(Locale.ROOT, "INC-%d-%06d", year,
                        ((Number) counter.get("seq")).longValue()));
    }

    private static String severity(String value, List<Problems.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problems.FieldError("severity", "use LOW, MEDIUM, HIGH or CRITICAL"));
            return null;
        }
        try {
            Severity severity = Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (severity == Severity.NONE) {
                throw new IllegalArgumentException("none");
            }
            return severity.name();
        } catch (IllegalArgumentException unknown) {
            errors.add(new Problems.FieldError("severity", "unknown severity '" + value
                    + "'; use LOW, MEDIUM, HIGH or CRITICAL"));
            return null;
        }
    }
}
