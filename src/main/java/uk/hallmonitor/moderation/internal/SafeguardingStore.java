package uk.hallmonitor.moderation.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;

/**
 * {@code safeguarding_alerts}: one document per post (its id), so raising one twice keeps one; every change is one
 * {@code findAndModify} guarded by the version read (escalation steps) or by {@code acknowledgedAt} being unset.
 */
@Component
public record SafeguardingStore(ReactiveMongoTemplate mongo) {

    /** Stores it unless the post has one already; answers the stored one. */
    Mono<SafeguardingAlert> raise(SafeguardingAlert alert) {
        return mongo.insert(alert)
                .onErrorResume(DuplicateKeyException.class, repeat -> find(alert.id()));
    }

    Mono<SafeguardingAlert> find(String id) {
        return mongo.findById(id, SafeguardingAlert.class);
    }

    /** Unacknowledged ones whose next step is due, and ones a crash left half-notified. */
    Flux<SafeguardingAlert> due(Instant now, int limit) {
        Criteria dueNow = where("acknowledgedAt").is(null).and("nextEscalationAt").lte(now);
        Criteria halfDone = where("notifying").ne(null);
        return mongo.find(query(new Criteria().orOperator(dueNow, halfDone)).with(Sort.by("raisedAt")).limit(limit),
                SafeguardingAlert.class);
    }

    /**
     * Takes the next step: pushes it and sets the following due time, only if the alert is still unacknowledged and
     * unchanged since it was read. Empty when another sweep (or an acknowledgement) came first.
     */
    Mono<SafeguardingAlert> climb(SafeguardingAlert read, SafeguardingAlert.Escalation step, Instant next) {
        return mongo.findAndModify(unchanged(read).addCriteria(where("acknowledgedAt").is(null)),
                new Update().push("escalations", step).set("nextEscalationAt", next)
                        .set("notifying", step.level().name()).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), SafeguardingAlert.class);
    }

    /** Ends the ladder (nothing left to climb) for an unchanged alert. */
    Mono<SafeguardingAlert> top(SafeguardingAlert read) {
        return mongo.findAndModify(unchanged(read), new Update().set("nextEscalationAt", null).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), SafeguardingAlert.class);
    }

    /** The step's alerts are in the outbox. */
    Mono<Void> notified(String id, String level) {
        return mongo.updateFirst(query(where("_id").is(id).and("notifying").is(level)),
                new Update().unset("notifying").inc("version", 1), SafeguardingAlert.class).then();
    }

    /** Records who acknowledged it, only if nobody has; empty when someone already had. */
    Mono<SafeguardingAlert> acknowledge(String id, String staffId, String name, String note, Instant at) {
        return mongo.findAndModify(query(where("_id").is(id).and("acknowledgedAt").is(null)),
                new Update().set("acknowledgedBy", staffId).set("acknowledgedByName", name)
                        .set("acknowledgedAt", at).set("note", note).set("nextEscalationAt", null)
                        .inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), SafeguardingAlert.class);
    }

    /** Records the incident opened for it (a CRITICAL matter) when it was raised before the incident was known. */
    Mono<Void> incident(String id, String number) {
        return mongo.updateFirst(query(where("_id").is(id).and("incidentNumber").is(null)),
                new Update().set("incidentNumber", number), SafeguardingAlert.class).then();
    }

    /** A school's (every school's for {@code null}) unacknowledged ones, oldest first. */
    Flux<SafeguardingAlert> unacknowledged(String schoolId) {
        Criteria criteria = where("acknowledgedAt").is(null);
        if (schoolId != null) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        return mongo.find(query(criteria).with(Sort.by("raisedAt")), SafeguardingAlert.class);
    }

    /** Unacknowledged CRITICAL ones of the schools (every school for {@code null}). */
    Flux<SafeguardingAlert> unacknowledgedCritical(String schoolId) {
        // the severity is asked of the store, so only CRITICAL ones are read and mapped (every page asks this)
        Criteria criteria = where("acknowledgedAt").is(null).and("severity").is(Severity.CRITICAL);
        if (schoolId != null) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        return mongo.find(query(criteria).with(Sort.by("raisedAt")), SafeguardingAlert.class);
    }

    /** Raised in {@code [from, to)} for the school, oldest first (for the weekly report). */
    public Flux<SafeguardingAlert> raisedBetween(String schoolId, Instant from, Instant to) {
        return mongo.find(query(where("schoolId").is(schoolId).and("raisedAt").gte(from).lt(to))
                .with(Sort.by("raisedAt")), SafeguardingAlert.class);
    }

    Mono<PageResponse<SafeguardingAlert>> page(String schoolId, Boolean acknowledged, int page, int size) {
        Criteria criteria = PagedQuery.everything().is("schoolId", schoolId).criteria();
        if (acknowledged != null) {
            criteria = acknowledged ? criteria.and("acknowledgedAt").ne(null) : criteria.and("acknowledgedAt").is(null);
        }
        return PagedQuery.matching(criteria)
                .page(mongo, SafeguardingAlert.class, PagedQuery.newestFirst("raisedAt"), page, size);
    }

    private static Query unchanged(SafeguardingAlert read) {
        return query(where("_id").is(read.id()).and("version").is(read.version()));
    }

    static List<String> names(List<uk.hallmonitor.schools.StaffView> staff) {
        return staff.stream().map(uk.hallmonitor.schools.StaffView::name).toList();
    }
}
