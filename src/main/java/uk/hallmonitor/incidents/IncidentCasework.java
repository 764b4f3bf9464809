package uk.hallmonitor.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;
import uk.hallmonitor.system.web.Problems;

/**
 * The incident log as the pages work it: the log filtered by status, severity, category and owner, and an
 * incident's transitions, notes and owner, through the same {@link IncidentLog} as the API.
 */
@Component
public class IncidentCasework {

    /** Any field may be {@code null}: no filter. */
    public record Filter(IncidentStatus status, String severity, String category, String owner) {
    }

    private final IncidentLog log;
    private final ReactiveMongoTemplate mongo;
    private final SchoolDirectory directory;
    private final AuditTrail audit;
    private final Clock clock;

    IncidentCasework(IncidentLog log, ReactiveMongoTemplate mongo, SchoolDirectory directory, AuditTrail audit,
                     Clock clock) {
        this.log = log;
        this.mongo = mongo;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the caller reads the school's incident log (the DSL, SLT, the head, administrators). */
    public static boolean reads(Caller caller, String schoolId) {
        return caller.hasAnyIn(schoolId, IncidentLog.READERS);
    }

    /** Whether the caller changes incidents (the DSL, SLT, administrators). */
    public static boolean writes(Caller caller, String schoolId) {
        return caller.hasAnyIn(schoolId, IncidentLog.WRITERS);
    }

    /** The statuses an incident in {@code status} may move to. */
    public static Set<IncidentStatus> next(IncidentStatus status) {
        return status.next();
    }

    public Mono<PageResponse<Incident>> page(Caller caller, String schoolId, Filter filter, int page, int size) {
        if (schoolId == null || !caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", String.valueOf(schoolId)));
        }
        if (!reads(caller, schoolId)) {
            return Mono.error(Problems.forbidden("the incident log is for the DSL and SLT"));
        }
        return PagedQuery.matching(where("schoolId").is(schoolId)).is("status", filter.status())
                .is("severity", filter.severity()).is("category", filter.category()).is("owner", filter.owner())
                .page(mongo, Incident.class, PagedQuery.newestFirst("createdAt"), page, size);
    }

    /** The categories used in the school's log, for the filter. */
    public Mono<List<String>> categories(String schoolId) {
        return mongo.findDistinct(query(where("schoolId").is(schoolId)), "category", Incident.class, String.class)
                .sort().collectList();
    }

    /** How many of the school's incidents are not closed. */
    public Mono<Long> openCount(String schoolId) {
        return mongo.count(query(where("schoolId").is(schoolId).and("status").ne(IncidentStatus.CLOSED)),
                Incident.class);
    }

    public Mono<Incident> one(Caller caller, String id) {
        return log.one(caller, id);
    }

    /**
     * Opens an incident reported outside Hallmonitor (a parent's call, a screenshot brought in), as
     * {@code POST /api/v1/incidents} without linked posts; {@code ownerId} may be {@code null}.
     */
    public Mono<Incident> open(Caller caller, String schoolId, String category, String severity, String ownerId,
                               String notes) {
        return log.create(caller, new IncidentRequests.Create(schoolId, category, severity, null, ownerId, List.of(),
                notes));
    }

    /** Moves the incident on, as {@code POST /api/v1/incidents/{id}/transitions}. */
    public Mono<Incident> transition(Caller caller, String id, String to, String note, String outcome) {
        return log.transition(caller, id, new IncidentRequests.Transition(to, note, outcome, null));
    }

    /** Adds a note, as {@code POST /api/v1/incidents/{id}/notes}. */
    public Mono<Incident> note(Caller caller, String id, String text) {
        return log.note(caller, id, new IncidentRequests.NewNote(text));
    }

    /**
     * Gives the incident to an active member of staff of its school, recorded in its trail; guarded by the version
     * the person saw, so two people assigning at once cannot both win.
     */
    public Mono<Incident> assign(Caller caller, String id, String ownerId, long version) {
        if (ownerId == null || ownerId.isBlank()) {
            return Mono.error(Problems.badRequest("owner", "choose who leads on this incident"));
        }
        return log.one(caller, id).flatMap(incident -> {
            if (!writes(caller, incident.schoolId())) {
                return Mono.error(Problems.forbidden("only the DSL and SLT change incidents"));
            }
            return directory.staff(ownerId)
                    .filter(staff -> incident.schoolId().equals(staff.schoolId()) && staff.active())
                    .switchIfEmpty(Mono.error(() -> Problems.badRequest("owner",
                            "choose someone who works at this school")))
                    .flatMap(staff -> {
                        Instant now = clock.instant();
                        Update update = new Update().set("owner", ownerId).inc("version", 1)
                                .push("trail", new Incident.Step(now, caller.username(), "owner",
                                        incident.status(), incident.status(), "now led by " + staff.name()));
                        return mongo.findAndModify(query(where("_id").is(id).and("version").is(version)), update,
                                FindAndModifyOptions.options().returnNew(true), Incident.class)
                                .switchIfEmpty(Mono.error(() -> Problems.conflict("incident " + id
                                        + " was changed by someone else meanwhile; reload it")))
                                .flatMap(after -> audit.record(new AuditEvent(caller.username(), "incident.owner",
                                        after.schoolId(), "incident", id,
                                        Map.of("owner", String.valueOf(incident.owner())),
                                        Map.of("owner", ownerId)))
                                        .thenReturn(after));
                    });
        });
    }
}
