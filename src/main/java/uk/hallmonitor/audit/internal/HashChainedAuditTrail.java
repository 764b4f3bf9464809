package uk.hallmonitor.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Duration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.ObjectMapper;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;

/**
 * Appends entries to the chain. Appends in this instance are serialised through one queue; another instance
 * appending at the same moment makes the insert of the same sequence number fail on the unique index, and the
 * loser re-reads the head and tries again, so the chain never forks.
 */
@Component
public class HashChainedAuditTrail implements AuditTrail {

    private final ReactiveMongoTemplate mongo;
    private final ObjectMapper json;
    private final Clock clock;
    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();
    // the last entry this instance wrote; null after a lost race, so the head is read again
    private volatile AuditEntry knownHead;

    HashChainedAuditTrail(ReactiveMongoTemplate mongo, ObjectMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        // one append at a time in this instance: the chain is a sequence
        queue.asFlux().concatMap(this::append).subscribe();
    }

    @Override
    public Mono<Void> record(AuditEvent event) {
        String before = render(event.before());
        String after = render(event.after());
        return Mono.create(sink -> queue.emitNext(new Pending(event, before, after, sink),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5))));
    }

    private Mono<Void> append(Pending pending) {
        return Mono.defer(() -> (knownHead != null ? Mono.just(knownHead) : head())
                        .flatMap(head -> insertAfter(head, pending.event(), pending.before(), pending.after())))
                .doOnNext(entry -> knownHead = entry)
                .doOnError(DuplicateKeyException.class, e -> knownHead = null)
                .retryWhen(Retry.backoff(50, Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(100))
                        .filter(DuplicateKeyException.class::isInstance))
                .doOnSuccess(entry -> pending.sink().success())
                .doOnError(error -> pending.sink().error(error))
                .then()
                .onErrorResume(error -> Mono.empty());
    }

    /** An append waiting its turn, with the caller to tell when it is stored. */
    private record Pending(AuditEvent event, String before, String after, MonoSink<Void> sink) {
    }

    private Mono<AuditEntry> insertAfter(AuditEntry head, AuditEvent event, String before, String after) {
        long seq = head == null || head.seq() == 0 && head.hash() == null ? 1 : head.seq() + 1;
        String prev = head == null || head.hash() == null ? ChainHash.GENESIS : head.hash();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String hash = ChainHash.of(seq, at, event.actor(), event.action(), event.schoolId(), event.subjectType(),
                event.subjectId(), before, after, prev);
        return mongo.insert(new AuditEntry(null, seq, at, event.actor(), event.action(), event.schoolId(),
                event.subjectType(), event.subjectId(), before, after, prev, hash));
    }

    private Mono<AuditEntry> head() {
        return mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "seq")).limit(1), AuditEntry.class)
                .defaultIfEmpty(new AuditEntry(null, 0, null, null, null, null, null, null, null, null, null, null));
    }

    private String render(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String s ? s : json.writeValueAsString(value);
    }

    /** Recomputes the whole chain in order. */
    public Mono<ChainCheck> verify() {
        return Flux.defer(() -> mongo.find(new Query().with(Sort.by("seq")), AuditEntry.class))
                .reduce(ChainCheck.start(), ChainCheck::next);
    }

    /** The result of checking the chain: how many entries, and the first that does not fit. */
    public record ChainCheck(boolean valid, long entries, Long firstBrokenSeq, String reason, String lastHash,
                             long lastSeq) {

        static ChainCheck start() {
            return new ChainCheck(true, 0, null, null, ChainHash.GENESIS, 0);
        }

        ChainCheck next(AuditEntry e) {
            if (!valid) {
                return new ChainCheck(false, entries + 1, firstBrokenSeq, reason, lastHash, e.seq());
            }
            String problem = null;
            if (e.seq() != lastSeq + 1) {
                problem = "entry " + (lastSeq + 1) + " is missing";
            } else if (!lastHash.equals(e.prevHash())) {
                problem = "entry " + e.seq() + " does not link to the entry before it";
            } else if (!ChainHash.of(e).equals(e.hash())) {
                problem = "entry " + e.seq() + " was changed after it was written";
            }
            return problem == null ? new ChainCheck(true, entries + 1, null, null, e.hash(), e.seq())
                    : new ChainCheck(false, entries + 1, e.seq() == lastSeq + 1 ? e.seq() : lastSeq + 1, problem,
                            lastHash, e.seq());
        }
    }

    /** Entries for a school (or all, for trust-wide readers), newest first. */
    public Flux<AuditEntry> entries(String schoolId, String subjectId, int page, int size) {
        return mongo.find(filter(schoolId, subjectId).with(Sort.by(Sort.Direction.DESC, "seq"))
                .skip((long) page * size).limit(size), AuditEntry.class);
    }

    public Mono<Long> count(String schoolId, String subjectId) {
        return mongo.count(filter(schoolId, subjectId), AuditEntry.class);
    }

    /**
     * Entries for a school (or all, for trust-wide readers) whose actor, action, kind of record or record id
     * contains {@code text} (any case), newest first: the audit page's search.
     */
    public Flux<AuditEntry> search(String schoolId, String text, int page, int size) {
        return mongo.find(searchFilter(schoolId, text).with(Sort.by(Sort.Direction.DESC, "seq"))
                .skip((long) page * size).limit(size), AuditEntry.class);
    }

    public Mono<Long> countSearch(String schoolId, String text) {
        return mongo.count(searchFilter(schoolId, text), AuditEntry.class);
    }

    private static Query searchFilter(String schoolId, String text) {
        Query query = filter(schoolId, null);
        if (text != null && !text.isBlank()) {
            String pattern = java.util.regex.Pattern.quote(text.strip());
            query.addCriteria(new org.springframework.data.mongodb.core.query.Criteria().orOperator(
                    org.springframework.data.mongodb.core.query.Criteria.where("actor").regex(pattern, "i"),
                    org.springframework.data.mongodb.core.query.Criteria.where("action").regex(pattern, "i"),
                    org.springframework.data.mongodb.core.query.Criteria.where("subjectType").regex(pattern, "i"),
                    org.springframework.data.mongodb.core.query.Criteria.where("subjectId").regex(pattern, "i")));
        }
        return query;
    }

    private static Query filter(String schoolId, String subjectId) {
        Query query = new Query();
        if (schoolId != null) {
            query.addCriteria(org.springframework.data.mongodb.core.query.Criteria.where("schoolId").is(schoolId));
        }
        if (subjectId != null) {
            query.addCriteria(org.springframework.data.mongodb.core.query.Criteria.where("subjectId").is(subjectId));
        }
        return query;
    }
}
