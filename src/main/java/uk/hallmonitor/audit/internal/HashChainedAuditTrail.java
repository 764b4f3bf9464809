package uk.hallmonitor.audit.internal;

import com.google.crypto.tink.Mac;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.databind.ObjectMapper;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditProperties;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.audit.ChainHead;
import uk.hallmonitor.audit.ChainKeySealer;
import uk.hallmonitor.audit.DataAccessLog;
import uk.hallmonitor.system.store.StoreProperties;
import uk.hallmonitor.system.web.Text;

/**
 * Appends entries to the chain. Appends in this instance are serialised through one queue; another instance
 * appending at the same moment makes the insert of the same sequence number fail on the unique index, and the
 * loser re-reads the head and tries again, so the chain never forks.
 *
 * <p>Each new link is an HMAC under the audit key ({@link AuditKey}, outside the database), over text made canonical
 * first (NFC, unpaired surrogates replaced) so that what is hashed is exactly what the store keeps. After appends the
 * head is anchored in a file outside the database ({@link ChainAnchors}), so a chain cut short or rewritten is found.
 */
@Component
public class HashChainedAuditTrail implements AuditTrail, DataAccessLog, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HashChainedAuditTrail.class);

    private final ReactiveMongoTemplate mongo;
    private final ObjectMapper json;
    private final Clock clock;
    private final AuditKey key;
    private final ChainAnchors anchors;
    private final Sinks.Many<Pending> queue = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<AuditEntry> toAnchor = Sinks.many().unicast().onBackpressureBuffer();
    // the last entry this instance wrote; null after a lost race, so the head is read again
    private volatile AuditEntry knownHead;
    // the chain's id (its first link), once known
    private volatile String chainId;
    // anchoring blocks (file IO, a read of the chain's first link): it runs on a thread of its own, never on the
    // shared bounded-elastic pool that sign-in, CSRF tokens and BCrypt wait on, and ends when this trail is closed
    private final Scheduler anchorThread = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "audit-anchor", 60,
            true);
    private final Disposable.Composite running = Disposables.composite();

    @org.springframework.beans.factory.annotation.Autowired
    HashChainedAuditTrail(ReactiveMongoTemplate mongo, ObjectMapper json, Clock clock, AuditProperties properties,
                          StoreProperties store, ObjectProvider<ChainKeySealer> sealer) {
        this(mongo, json, clock,
                new AuditKey(orDefault(properties.keyFile(), store.dataDir(), "audit.key"), sealer.getIfAvailable()),
                new ChainAnchors(orDefault(properties.anchorFile(), store.dataDir(), "audit.anchor")));
    }

    HashChainedAuditTrail(ReactiveMongoTemplate mongo, ObjectMapper json, Clock clock, AuditKey key,
                          ChainAnchors anchors) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.key = key;
        this.anchors = anchors;
        // one append at a time in this instance: the chain is a sequence
        running.add(queue.asFlux().concatMap(this::append).subscribe());
        // anchor writes coalesce: after a burst of appends only the latest head is written
        running.add(toAnchor.asFlux().onBackpressureLatest().publishOn(anchorThread, 1)
                .subscribe(this::anchorLogged));
    }

    /** Stops appending and anchoring when the application (or a test's context) closes, and ends the anchor thread. */
    @Override
    public void destroy() {
        running.dispose();
        anchorThread.dispose();
    }

    static Path orDefault(Path configured, Path dataDir, String name) {
        return configured != null && !configured.toString().isBlank() ? configured : dataDir.resolve(name);
    }

    @Override
    public Mono<Void> record(AuditEvent event) {
        String before = render(event.before());
        String after = render(event.after());
        return Mono.create(sink -> queue.emitNext(new Pending(event, before, after, sink),
                Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5))));
    }

    private Mono<Void> append(Pending pending) {
        return Mono.fromCallable(key::get).subscribeOn(Schedulers.boundedElastic())
                .flatMap(mac -> Mono.defer(() -> (knownHead != null ? Mono.just(knownHead) : storedHead())
                        .flatMap(head -> insertAfter(head, pending, mac.orElse(null))))
                        .doOnNext(entry -> knownHead = entry)
                        .doOnError(DuplicateKeyException.class, e -> knownHead = null)
                        .retryWhen(Retry.backoff(50, Duration.ofMillis(2)).maxBackoff(Duration.ofMillis(100))
                                .filter(DuplicateKeyException.class::isInstance)))
                .doOnNext(entry -> toAnchor.tryEmitNext(entry))
                .doOnSuccess(entry -> pending.sink().success())
                .doOnError(error -> pending.sink().error(error))
                .then()
                .onErrorResume(error -> Mono.empty());
    }

    /** An append waiting its turn, with the caller to tell when it is stored. */
    private record Pending(AuditEvent event, String before, String after, MonoSink<Void> sink) {
    }

    private Mono<AuditEntry> insertAfter(AuditEntry head, Pending pending, Mac mac) {
        AuditEvent event = pending.event();
        long seq = head == null || head.seq() == 0 && head.hash() == null ? 1 : head.seq() + 1;
        String prev = head == null || head.hash() == null ? ChainHash.GENESIS : head.hash();
        Instant at = clock.instant();
        // what is linked is exactly what the store will keep
        String actor = Text.storable(event.actor());
        String action = Text.storable(event.action());
        String schoolId = Text.storable(event.schoolId());
        String subjectType = Text.storable(event.subjectType());
        String subjectId = Text.storable(event.subjectId());
        String before = Text.storable(pending.before());
        String after = Text.storable(pending.after());
        java.util.List<String> subjects = DataAccessLog.pseudonyms(event.subjects());
        if (mac == null) {
            // without the key the entry is linked over its text, as before keying: it cannot be redacted later
            String link = ChainHash.of(seq, at, actor, action, schoolId, subjectType, subjectId, before, after, prev);
            return mongo.insert(new AuditEntry(null, seq, at, actor, action, schoolId, subjectType, subjectId, before,
                    after, prev, link, AuditEntry.UNKEYED, subjects.isEmpty() ? null : subjects, null, null, null));
        }
        String beforeDigest = ChainHash.digest(before);
        String afterDigest = ChainHash.digest(after);
        String link = ChainHash.keyedDigest(mac, seq, at, actor, action, schoolId, subjectType, subjectId,
                beforeDigest, afterDigest, subjects, prev);
        return mongo.insert(new AuditEntry(null, seq, at, actor, action, schoolId, subjectType, subjectId, before,
                after, prev, link, AuditEntry.KEYED_DIGEST, subjects, beforeDigest, afterDigest, null));
    }

    private Mono<AuditEntry> storedHead() {
        return mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "seq")).limit(1), AuditEntry.class)
                .defaultIfEmpty(new AuditEntry(null, 0, null, null, null, null, null, null, null, null, null, null,
                        null));
    }

    private String render(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof String s ? s : json.writeValueAsString(value);
    }

    /** Anchors after an append; a failure is logged and the next append anchors again (the stream goes on). */
    private void anchorLogged(AuditEntry entry) {
        try {
            anchor(entry, null);
        } catch (RuntimeException e) {
            log.warn("cannot anchor the audit chain at entry {}: {}", entry.seq(), e.toString());
        }
    }

    /** Moves the anchor forward to a keyed entry this instance wrote or verified; blocking file IO. */
    private void anchor(AuditEntry entry, Long keyedFromHint) {
        if (!entry.keyed()) {
            return;
        }
        String id = chainId();
        if (id == null) {
            return;
        }
        long keyedFrom = keyedFromHint != null ? keyedFromHint : firstKeyedSeq();
        anchors.advance(new ChainAnchors.Anchor(id, entry.seq(), entry.hash(),
                clock.instant(), keyedFrom));
    }

    private String chainId() {
        String id = chainId;
        if (id == null) {
            AuditEntry first = mongo.findOne(Query.query(Criteria.where("seq").is(1L)), AuditEntry.class)
                    .block(Duration.ofSeconds(30));
            id = first == null ? null : first.hash();
            chainId = id;
        }
        return id;
    }

    private volatile long keyedFromKnown;

    private long firstKeyedSeq() {
        if (keyedFromKnown > 0) {
            return keyedFromKnown;
        }
        AuditEntry first = mongo.findOne(Query.query(Criteria.where("version").gte(AuditEntry.KEYED))
                .with(Sort.by("seq")).limit(1), AuditEntry.class).block(Duration.ofSeconds(30));
        keyedFromKnown = first == null ? 0 : first.seq();
        return keyedFromKnown;
    }

    /** Re-seals the chain's key file under a new master key (vault-rewrap); false when there is none yet. */
    public boolean resealKey(com.google.crypto.tink.Aead oldMaster, com.google.crypto.tink.Aead newMaster)
            throws java.io.IOException, java.security.GeneralSecurityException {
        return AuditKey.reseal(key.file(), oldMaster, newMaster);
    }

    /** Recomputes the whole chain in order, reporting every break, and checks it against the anchor. */
    public Mono<ChainCheck> verify() {
        return Mono.fromCallable(() -> key.get().orElse(null)).subscribeOn(Schedulers.boundedElastic())
                .map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(mac -> Flux.defer(() -> mongo.find(new Query().with(Sort.by("seq")), AuditEntry.class))
                        .reduce(new ChainCheck.Walk(mac.orElse(null), key.unavailable()), ChainCheck.Walk::next)
                        .flatMap(walk -> Mono.fromCallable(() -> {
                            Optional<ChainAnchors.Anchor> anchor = walk.chainId() == null ? Optional.empty()
                                    : anchors.find(walk.chainId());
                            ChainCheck check = walk.finish(anchor.orElse(null));
                            // a whole, keyed, verified chain moves the anchor forward
                            if (check.valid() && walk.lastKeyed() != null) {
                                chainId = walk.chainId();
                                anchor(walk.lastKeyed(), walk.keyedFrom());
                            }
                            return check;
                        }).subscribeOn(Schedulers.boundedElastic())));
    }

    @Override
    public Mono<ChainHead> head() {
        return Mono.fromCallable(() -> Optional.ofNullable(chainId()).flatMap(anchors::find)
                .map(a -> new ChainHead(a.seq(), a.mac(), a.at())))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty);
    }

    @Override
    public Mono<Void> viewed(String actor, String schoolId, String recordType, String recordId,
                             java.util.Collection<String> subjects) {
        return record(new AuditEvent(actor, "data.viewed", schoolId, recordType, recordId, null, null,
                subjects == null ? java.util.List.of() : java.util.List.copyOf(subjects)));
    }

    @Override
    public Mono<Redaction> redact(String subjectType, String subjectId) {
        Query about = Query.query(Criteria.where("subjectType").is(subjectType).and("subjectId").is(subjectId));
        Query redactable = Query.of(about).addCriteria(Criteria.where("version").is(AuditEntry.KEYED_DIGEST)
                .and("redactedAt").is(null)
                .orOperator(Criteria.where("before").ne(null), Criteria.where("after").ne(null)));
        Query whole = Query.of(about).addCriteria(Criteria.where("version").ne(AuditEntry.KEYED_DIGEST)
                .orOperator(Criteria.where("before").ne(null), Criteria.where("after").ne(null)));
        Instant now = clock.instant();
        // one multi-document update, each entry changed on its own: a rerun finds nothing left to redact
        return mongo.updateMulti(redactable, new org.springframework.data.mongodb.core.query.Update()
                .set("before", null).set("after", null).set("redactedAt", now), AuditEntry.class)
                .zipWith(mongo.count(whole, AuditEntry.class))
                .map(t -> new Redaction(t.getT1().getModifiedCount(), t.getT2()));
    }

    /** Entries for a school (or all, for trust-wide readers), newest first. */
    public Flux<AuditEntry> entries(String schoolId, String subjectId, int page, int size) {
        return entries(schoolId, subjectId, null, page, size);
    }

    /**
     * Entries for a school (or all), optionally only those about one person ({@code subject}: a
     * {@link DataAccessLog} key), newest first.
     */
    public Flux<AuditEntry> entries(String schoolId, String subjectId, String subject, int page, int size) {
        return mongo.find(filter(schoolId, subjectId, subject).with(Sort.by(Sort.Direction.DESC, "seq"))
                .skip((long) page * size).limit(size), AuditEntry.class);
    }

    public Mono<Long> count(String schoolId, String subjectId) {
        return count(schoolId, subjectId, null);
    }

    public Mono<Long> count(String schoolId, String subjectId, String subject) {
        return mongo.count(filter(schoolId, subjectId, subject), AuditEntry.class);
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
        return filter(schoolId, subjectId, null);
    }

    private static Query filter(String schoolId, String subjectId, String subject) {
        Query query = new Query();
        if (subject != null) {
            query.addCriteria(Criteria.where("subjects").is(DataAccessLog.pseudonym(subject)));
        }
        if (schoolId != null) {
            query.addCriteria(Criteria.where("schoolId").is(schoolId));
        }
        if (subjectId != null) {
            query.addCriteria(Criteria.where("subjectId").is(subjectId));
        }
        return query;
    }
}
