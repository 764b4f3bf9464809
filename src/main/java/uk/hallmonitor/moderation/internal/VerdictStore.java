package uk.hallmonitor.moderation.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;

/** The {@code verdicts} collection: one document per post, written once, then changed by single atomic updates. */
@Component
record VerdictStore(ReactiveMongoTemplate mongo) {

    /** Stores the verdict, or answers the one another instance stored first. */
    Mono<PostVerdict> save(PostVerdict verdict) {
        return mongo.insert(verdict)
                .onErrorResume(DuplicateKeyException.class, duplicate -> find(verdict.postId()));
    }

    /**
     * Stores a batch in one write; when some are there already (another instance), falls back to one at a time.
     * Answers every verdict as stored, by post id.
     */
    Mono<java.util.Map<String, PostVerdict>> saveAll(java.util.List<PostVerdict> batch) {
        return mongo.insertAll(batch).collectList().thenReturn(batch)
                .onErrorResume(DuplicateKeyException.class, some -> Flux.fromIterable(batch)
                        .concatMap(this::save).collectList())
                .map(stored -> stored.stream().collect(java.util.stream.Collectors.toMap(PostVerdict::postId,
                        verdict -> verdict, (first, second) -> first)));
    }

    Mono<PostVerdict> find(String postId) {
        return mongo.findById(postId, PostVerdict.class);
    }

    Mono<Void> routed(String postId, Instant at) {
        return mongo.updateFirst(query(where("_id").is(postId)), new Update().set("routedAt", at), PostVerdict.class)
                .then();
    }

    /** Records the incident of a sealed post and that its log entry was made. */
    Mono<PostVerdict> logged(String postId, String incidentNumber, Instant at) {
        return mongo.findAndModify(query(where("_id").is(postId)),
                new Update().set("incidentNumber", incidentNumber).set("loggedAt", at),
                FindAndModifyOptions.options().returnNew(true), PostVerdict.class);
    }

    /** Records the incident opened for the post (a CRITICAL safeguarding matter), unless it has one. */
    Mono<Void> incident(String postId, String incidentNumber) {
        return mongo.updateFirst(query(where("_id").is(postId).and("incidentNumber").is(null)),
                new Update().set("incidentNumber", incidentNumber), PostVerdict.class).then();
    }

    /** Flagged posts whose alerts were not all recorded (a crash in between), classified before {@code before}. */
    Flux<PostVerdict> unrouted(Instant before, int limit) {
        return mongo.find(query(where("flagged").is(true).and("routedAt").is(null).and("classifiedAt").lte(before))
                .with(Sort.by("classifiedAt")).limit(limit), PostVerdict.class);
    }

    /**
     * Appends the action and moves the item to its new status, only if nobody acted since {@code expectedVersion}:
     * the loser of a race between two moderators gets empty.
     */
    Mono<PostVerdict> act(String postId, long expectedVersion, ActionRecord action, QueueStatus status) {
        return mongo.findAndModify(query(where("_id").is(postId).and("version").is(expectedVersion)),
                new Update().push("actions", action).set("status", status).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), PostVerdict.class);
    }

    /** Replaces the outcome of the action at {@code index} once the platform or the incident log has answered. */
    Mono<PostVerdict> settleAction(String postId, int index, ActionRecord settled) {
        Update update = new Update().set("actions." + index, settled);
        if (settled.incidentNumber() != null) {
            update = update.set("incidentNumber", settled.incidentNumber());
        }
        return mongo.findAndModify(query(where("_id").is(postId)), update,
                FindAndModifyOptions.options().returnNew(true), PostVerdict.class);
    }

    /** One page of verdicts, newest collected first; {@code schoolId == null} means every school. */
    Mono<PageResponse<PostVerdict>> page(String schoolId, Boolean flagged, String accountId, String category,
                                         QueueStatus status, Severity severity, int page, int size) {
        return PagedQuery.everything().is("schoolId", schoolId).is("flagged", flagged).is("accountId", accountId)
                .is("categories.name", category).is("status", status).is("severity", severity)
                .page(mongo, PostVerdict.class, PagedQuery.newestFirst("collectedAt"), page, size);
    }
}
