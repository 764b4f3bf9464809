package uk.hallmonitor.alerts.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;

/** The outbox in MongoDB: a unique index on {@code dedupKey}; claims are {@code findAndModify} with a lease. */
@Component
record MongoAlertStore(ReactiveMongoTemplate mongo) implements AlertStore {

    private static final String COUNTERS = "alert_counters";

    @Override
    public Mono<Boolean> record(Alert alert) {
        return mongo.insert(alert).thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(false));
    }

    @Override
    public Flux<Alert> recordAll(List<Alert> alerts) {
        // the usual case is a fresh source: one insert command (one commit on the embedded store) for all of them;
        // when one is a repeat the batch stops there, and each is then recorded alone
        return mongo.insertAll(alerts)
                .onErrorResume(DuplicateKeyException.class, repeat -> Flux.fromIterable(alerts).concatMap(this::mine));
    }

    /** The alert if it is stored under this id, by an earlier batch of this call or now; empty if another has it. */
    private Mono<Alert> mine(Alert alert) {
        return record(alert).flatMap(recorded -> recorded ? Mono.just(alert)
                : mongo.findOne(query(where("dedupKey").is(alert.dedupKey())), Alert.class)
                        .filter(stored -> stored.id().equals(alert.id())).map(stored -> alert));
    }

    @Override
    public Mono<Alert> claim(String id, String owner, Instant now, Duration lease) {
        return mongo.findAndModify(query(where("_id").is(id).andOperator(claimable(now))),
                claimedBy(owner, now, lease), FindAndModifyOptions.options().returnNew(true), Alert.class);
    }

    @Override
    public Mono<Alert> claimNext(String owner, Instant now, Duration lease) {
        Query due = query(claimable(now)).with(Sort.by("nextAttemptAt"));
        return mongo.findAndModify(due, claimedBy(owner, now, lease), FindAndModifyOptions.options().returnNew(true),
                Alert.class);
    }

    @Override
    public Mono<Boolean> settle(Alert outcome, String owner) {
        return mongo.updateFirst(settling(outcome, owner), settled(outcome), Alert.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    @Override
    public Mono<Long> settleAll(List<Alert> outcomes, String owner) {
        if (outcomes.isEmpty()) {
            return Mono.just(0L);
        }
        // one update command with an update per alert: still one atomic, guarded update per document, but one
        // round trip (and one commit on the embedded store) for the batch
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Alert.class);
        outcomes.forEach(outcome -> bulk.updateOne(settling(outcome, owner), settled(outcome)));
        return bulk.execute().map(result -> (long) result.getModifiedCount());
    }

    private static Query settling(Alert outcome, String owner) {
        // a lease owner is set exactly while the alert is SENDING (claimed sets both, every settle unsets it), so
        // the owner alone guards the state; and these are exactly the keys of the "guarded_settle" index, which
        // the embedded store needs to find the alert without reading the whole outbox
        return query(where("_id").is(outcome.id()).and("leaseOwner").is(owner));
    }

    private static Update settled(Alert outcome) {
        return new Update().set("state", outcome.state()).set("nextAttemptAt", outcome.nextAttemptAt())
                .set("lastError", outcome.lastError()).set("sentAt", outcome.sentAt())
                .unset("leaseOwner").unset("leaseUntil");
    }

    @Override
    public Mono<Long> reserveFeedSequence(int count) {
        return mongo.findAndModify(query(where("_id").is("feed")), new Update().inc("seq", count),
                FindAndModifyOptions.options().upsert(true).returnNew(true), org.bson.Document.class,
                COUNTERS)
                .map(counter -> ((Number) counter.get("seq")).longValue());
    }

    /** The feed's alerts of a school (every school for {@code null}) after {@code after}, in feed order. */
    Flux<Alert> feedAfter(String schoolId, long after, int limit) {
        Criteria criteria = where("channel").is(Channel.FEED).and("feedSeq").gt(after);
        if (schoolId != null) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        return mongo.find(query(criteria).with(Sort.by("feedSeq")).limit(limit), Alert.class);
    }

    /**
     * The highest place in the feed stored so far for the school (every school for {@code null}); 0 when none. Not
     * the counter: places reserved by a batch still being written are not stored yet, and must not be skipped.
     */
    Mono<Long> lastFeedSeq(String schoolId) {
        Criteria criteria = where("channel").is(Channel.FEED).and("feedSeq").ne(null);
        if (schoolId != null) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        return mongo.findOne(query(criteria).with(Sort.by(Sort.Direction.DESC, "feedSeq")).limit(1), Alert.class)
                .map(Alert::feedSeq)
                .defaultIfEmpty(0L);
    }

    /** The feed's alerts about these sources up to {@code upTo}, in feed order. */
    Flux<Alert> feedOf(java.util.Collection<String> sourceKeys, long upTo) {
        if (sourceKeys.isEmpty()) {
            return Flux.empty();
        }
        return mongo.find(query(where("channel").is(Channel.FEED).and("sourceKey").in(sourceKeys)
                .and("feedSeq").lte(upTo)).with(Sort.by("feedSeq")), Alert.class);
    }

    /** Whether any email, Teams or Slack alert about these sources was handed to its channel. */
    Mono<Boolean> reachedOutside(java.util.Collection<String> sourceKeys) {
        return mongo.exists(query(where("sourceKey").in(sourceKeys).and("state").is(AlertState.SENT)
                .and("channel").in(Channel.EMAIL, Channel.TEAMS, Channel.SLACK)), Alert.class);
    }

    /**
     * Of these sources, the ones any email, Teams or Slack alert was handed to its channel for: {@link #reachedOutside}
     * for many sources in one query (as its sources only), so a page with many safeguarding alerts makes one read, not
     * one per alert.
     */
    Flux<String> reachedOutsideOf(java.util.Collection<String> sourceKeys) {
        if (sourceKeys.isEmpty()) {
            return Flux.empty();
        }
        // by source alone, state and channel checked here: with them in the query the embedded store's planner took
        // the (state, nextAttemptAt) index and read every SENT alert; a source has only a few alerts
        Query about = query(where("sourceKey").in(sourceKeys));
        about.fields().include("sourceKey", "state", "channel");
        java.util.Set<String> outside = java.util.Set.of(Channel.EMAIL.name(), Channel.TEAMS.name(),
                Channel.SLACK.name());
        return mongo.find(about, org.bson.Document.class, mongo.getCollectionName(Alert.class))
                .filter(found -> AlertState.SENT.name().equals(found.getString("state"))
                        && outside.contains(found.getString("channel")))
                .map(found -> found.getString("sourceKey")).distinct();
    }

    /** Every alert about these sources, oldest first (what was sent about one safeguarding alert). */
    Flux<Alert> about(java.util.Collection<String> sourceKeys) {
        return mongo.find(query(where("sourceKey").in(sourceKeys)).with(Sort.by("createdAt")), Alert.class);
    }

    @Override
    public Flux<Alert> held() {
        return mongo.find(query(where("state").is(AlertState.HELD)).with(Sort.by("createdAt")), Alert.class);
    }

    @Override
    public Mono<Boolean> digested(Alert alert, String digestId) {
        return mongo.updateFirst(query(where("_id").is(alert.id()).and("state").is(AlertState.HELD)),
                new Update().set("state", AlertState.DIGESTED).set("digestId", digestId), Alert.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    /** One page of a school's alerts, newest first; {@code schoolId == null} means every school. */
    Mono<PageResponse<Alert>> page(String schoolId, AlertState state, Channel channel, String sourceKey, int page,
                                   int size) {
        return PagedQuery.everything().is("schoolId", schoolId).is("state", state).is("channel", channel)
                .is("sourceKey", sourceKey)
                .page(mongo, Alert.class, PagedQuery.newestFirst("createdAt"), page, size);
    }

    private static Criteria claimable(Instant now) {
        return new Criteria().orOperator(
                where("state").is(AlertState.PENDING).and("nextAttemptAt").lte(now),
                where("state").is(AlertState.SENDING).and("leaseUntil").lte(now));
    }

    private static Update claimedBy(String owner, Instant now, Duration lease) {
        return new Update().set("state", AlertState.SENDING).set("leaseOwner", owner)
                .set("leaseUntil", now.plus(lease)).inc("attempts", 1);
    }
}
