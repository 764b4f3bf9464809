package uk.hallmonitor.privacy.internal;

import com.mongodb.client.result.DeleteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
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
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.privacy.PrivacyProperties;

/**
 * The retention purge: removes posts past their school's retention with their moderation records, closed incidents
 * past theirs with their posts, and expired export files, in batches, restart-safe (see {@link PurgeRun}). Posts
 * linked to an incident go with the incident, never before; an incident under legal hold, or a safeguarding incident
 * kept until the child is 25 and not yet past the date a DSL set, is never removed. The content of the audit
 * entries about removed records is redacted; the entries themselves stay.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    static final String LOCKS = "privacy_purge_lock";
    private static final String LOCK_ID = "purge";

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final AuditTrail audit;
    private final PrivacyProperties properties;
    private final Removal removal;
    private final String owner = UUID.randomUUID().toString();

    /** Removes documents by id and says how many went; the seam where the tests cut a run short. */
    interface Removal {
        Mono<Long> remove(String collection, List<Object> ids);
    }

    @Autowired
    RetentionPurge(ReactiveMongoTemplate mongo, Clock clock, AuditTrail audit, PrivacyProperties properties) {
        this(mongo, clock, audit, properties, (collection, ids) -> mongo
                .remove(Query.query(Criteria.where("_id").in(ids)), collection).map(DeleteResult::getDeletedCount));
    }

    RetentionPurge(ReactiveMongoTemplate mongo, Clock clock, AuditTrail audit, PrivacyProperties properties,
                   Removal removal) {
        this.mongo = mongo;
        this.clock = clock;
        this.audit = audit;
        this.properties = properties;
        this.removal = removal;
    }

    /**
     * Finishes the run left unfinished (once its holder's lease has run out), or starts a new one, and works it to
     * the end. Empty when another instance is working on one.
     */
    Mono<PurgeRun> run() {
        return claim().flatMap(run -> Flux.just(run)
                .expand(current -> PurgeRun.DONE.equals(current.state()) ? Mono.empty() : step(current))
                .last());
    }

    /** The newest runs first. */
    Flux<PurgeRun> recent(int page, int size) {
        return mongo.find(new Query().with(Sort.by(Sort.Direction.DESC, "startedAt")).skip((long) page * size)
                .limit(size), PurgeRun.class);
    }

    Mono<Long> count() {
        return mongo.count(new Query(), PurgeRun.class);
    }

    // ---- claiming

    private Mono<PurgeRun> claim() {
        // Optional, not emptiness: an empty answer from take() means "held by another instance", never "start one"
        return mongo.findById(LOCK_ID, Document.class, LOCKS)
                .map(lock -> Optional.ofNullable(lock.getString("runId"))).defaultIfEmpty(Optional.empty())
                .flatMap(runId -> runId.isEmpty() ? start()
                        : mongo.findById(runId.get(), PurgeRun.class).map(Optional::of)
                                .defaultIfEmpty(Optional.empty())
                                // the lock names a run that is over, or was never written (its starter died)
                                .flatMap(run -> run.isEmpty() || PurgeRun.DONE.equals(run.get().state())
                                        ? release(runId.get()).then(start()) : take(run.get())));
    }

    private Mono<PurgeRun> start() {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        // the lock is one document: whoever sets its runId first (compare-and-set) starts the run, everyone else
        // finds it taken
        return mongo.insert(new Document("_id", LOCK_ID).append("runId", null), LOCKS)
                .onErrorResume(DuplicateKeyException.class, exists -> Mono.empty())
                .then(mongo.updateFirst(Query.query(Criteria.where("_id").is(LOCK_ID).and("runId").is(null)),
                        new Update().set("runId", id).set("at", now), LOCKS))
                .filter(result -> result.getModifiedCount() == 1)
                .flatMap(result -> mongo.insert(new PurgeRun(id, PurgeRun.RUNNING, now, null,
                        PurgeRun.PHASES.get(0), null, List.of(), Map.of(), Map.of(), 0, 0, 0, 0, owner,
                        now.plus(properties.purgeLease()), 0)));
    }

    private Mono<Void> release(String runId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(LOCK_ID).and("runId").is(runId)),
                new Update().set("runId", null), LOCKS).then();
    }

    private Mono<PurgeRun> take(PurgeRun run) {
        Instant now = clock.instant();
        boolean ours = owner.equals(run.leaseOwner());
        if (!ours && run.leaseUntil() != null && run.leaseUntil().isAfter(now)) {
            return Mono.empty();
        }
        Update update = lease(new Update(), now).inc("resumed", ours ? 0 : 1);
        return cas(run, update);
    }

    private Update lease(Update update, Instant now) {
        return update.set("leaseOwner", owner).set("leaseUntil", now.plus(properties.purgeLease())).inc("version", 1);
    }

    /** One write, only if nobody else wrote the run since it was read. */
    private Mono<PurgeRun> cas(PurgeRun run, Update update) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(run.id()).and("version").is(run.version())),
                update, FindAndModifyOptions.options().returnNew(true), PurgeRun.class)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("purge run " + run.id()
                        + " was taken over by another instance")));
    }

    // ---- one step: carry out the saved plan, or plan the next batch, or move on

    private Mono<PurgeRun> step(PurgeRun run) {
        if (!run.batch().isEmpty()) {
            return carryOut(run);
        }
        return switch (run.phase()) {
            case "POSTS" -> planPosts(run);
            case "INCIDENTS" -> planIncidents(run);
            case "EXPORTS" -> planExports(run);
            default -> finish(run);
        };
    }

    private Mono<PurgeRun> carryOut(PurgeRun run) {
        Map<String, Long> removed = new HashMap<>(run.removed());
        Map<String, Long> bySchool = new HashMap<>(run.bySchool());
        long[] audited = new long[2];
        return Flux.fromIterable(run.batch())
                .concatMap(planned -> Flux.fromIterable(planned.docs().entrySet())
                        .concatMap(docs -> removal.remove(docs.getKey(), docs.getValue()))
                        .thenMany(Flux.fromIterable(planned.redact()))
                        .concatMap(ref -> audit.redact(ref.substring(0, ref.indexOf('|')),
                                ref.substring(ref.indexOf('|') + 1)))
                        .doOnNext(r -> {
                            audited[0] += r.redacted();
                            audited[1] += r.keptWhole();
                        })
                        .then(Mono.fromRunnable(() -> {
                            // counted from the plan, made before anything went: a retried removal adds nothing
                            planned.docs().forEach((collection, ids) -> removed.merge(collection, (long) ids.size(),
                                    Long::sum));
                            // posts and incidents, an incident's posts included
                            long items = switch (planned.kind()) {
                                case "post" -> 1;
                                case "incident" -> 1 + planned.docs().getOrDefault("posts", List.of()).size();
                                default -> 0;
                            };
                            if (items > 0) {
                                bySchool.merge(String.valueOf(planned.schoolId()), items, Long::sum);
                            }
                        })))
                .then(Mono.defer(() -> cas(run, lease(new Update(), clock.instant()).set("batch", List.of())
                        .set("removed", removed).set("bySchool", bySchool).inc("auditRedacted", audited[0])
                        .inc("auditKeptWhole", audited[1]).inc("batches", 1))));
    }

    private Mono<PurgeRun> savePlan(PurgeRun run, List<PurgeRun.Planned> plan, String after) {
        return cas(run, lease(new Update(), clock.instant()).set("batch", plan).set("after", after));
    }

    private Mono<PurgeRun> nextPhase(PurgeRun run) {
        int index = PurgeRun.PHASES.indexOf(run.phase());
        String next = index + 1 < PurgeRun.PHASES.size() ? PurgeRun.PHASES.get(index + 1) : "FINISHED";
        return cas(run, lease(new Update(), clock.instant()).set("phase", next).set("after", null));
    }

    private Mono<PurgeRun> finish(PurgeRun run) {
        Instant now = clock.instant();
        return cas(run, new Update().set("state", PurgeRun.DONE).set("finishedAt", now).set("leaseOwner", null)
                .set("leaseUntil", null).inc("version", 1))
                .flatMap(done -> release(done.id())
                        .then(audit.record(new AuditEvent("system", "privacy.purge.finished", null, "purge-run",
                                done.id(), null, Map.of("removed", done.removed(), "auditRedacted",
                                        done.auditRedacted(), "auditKeptWhole", done.auditKeptWhole()))))
                        .doOnSuccess(v -> log.info("retention purge {} finished: removed {}", done.id(),
                                done.removed()))
                        .thenReturn(done));
    }

    // ---- planning

    private Flux<Document> page(String collection, PurgeRun run, Document fields) {
        Query query = new Query().with(Sort.by("_id")).limit(properties.purgeBatch());
        if (run.after() != null) {
            query.addCriteria(Criteria.where("_id").gt(run.after()));
        }
        fields.keySet().forEach(field -> query.fields().include(field));
        return mongo.find(query, Document.class, collection);
    }

    private Mono<PurgeRun> planPosts(PurgeRun run) {
        return page("posts", run, new Document("schoolId", 1).append("collectedAt", 1)).collectList()
                .flatMap(posts -> {
                    if (posts.isEmpty()) {
                        return nextPhase(run);
                    }
                    List<Object> ids = posts.stream().map(p -> p.get("_id")).toList();
                    String last = String.valueOf(ids.get(ids.size() - 1));
                    return Mono.zip(byId("verdicts", ids), linkedPosts(ids), settings(schools(posts)))
                            .flatMap(found -> {
                                Instant now = clock.instant();
                                List<Object> due = new ArrayList<>();
                                for (Document post : posts) {
                                    Object id = post.get("_id");
                                    Document verdict = found.getT1().get(id);
                                    boolean linked = found.getT2().contains(id)
                                            || verdict != null && verdict.get("incidentNumber") != null;
                                    RetentionSettings settings = found.getT3().get(post.getString("schoolId"));
                                    boolean flagged = verdict != null && Boolean.TRUE.equals(verdict.get("flagged"));
                                    Instant collected = instant(post.get("collectedAt"));
                                    int days = flagged ? settings.flaggedPostDays() : settings.unflaggedPostDays();
                                    if (!linked && collected != null
                                            && collected.isBefore(now.minus(days, ChronoUnit.DAYS))) {
                                        due.add(id);
                                    }
                                }
                                Map<Object, String> schoolOf = new HashMap<>();
                                posts.forEach(p -> schoolOf.put(p.get("_id"), p.getString("schoolId")));
                                return postPlans(due, schoolOf)
                                        .flatMap(plan -> savePlan(run, plan, last));
                            });
                });
    }

    private Mono<PurgeRun> planIncidents(PurgeRun run) {
        return page("incidents", run, new Document("schoolId", 1).append("createdAt", 1).append("status", 1)
                .append("category", 1).append("postIds", 1)).collectList()
                .flatMap(incidents -> {
                    if (incidents.isEmpty()) {
                        return nextPhase(run);
                    }
                    List<Object> ids = incidents.stream().map(i -> i.get("_id")).toList();
                    String last = String.valueOf(ids.get(ids.size() - 1));
                    return Mono.zip(byId(IncidentRetentions.COLLECTION, ids), settings(schools(incidents)))
                            .flatMap(found -> {
                                List<Document> due = incidents.stream()
                                        .filter(i -> due(i, found.getT1().get(i.get("_id")),
                                                found.getT2().get(i.getString("schoolId"))))
                                        .toList();
                                return Flux.fromIterable(due).concatMap(this::incidentPlan).collectList()
                                        .flatMap(plan -> savePlan(run, plan, last));
                            });
                });
    }

    private Mono<PurgeRun> planExports(PurgeRun run) {
        Query query = Query.query(Criteria.where("expiresAt").lt(clock.instant())).with(Sort.by("_id"))
                .limit(properties.purgeBatch());
        if (run.after() != null) {
            query.addCriteria(Criteria.where("_id").gt(run.after()));
        }
        query.fields().include("schoolId");
        return mongo.find(query, Document.class, SubjectExports.COLLECTION).collectList().flatMap(exports -> {
            if (exports.isEmpty()) {
                return nextPhase(run);
            }
            List<PurgeRun.Planned> plan = exports.stream().map(e -> new PurgeRun.Planned("export",
                    String.valueOf(e.get("_id")), e.getString("schoolId"),
                    Map.of(SubjectExports.COLLECTION, List.of(e.get("_id"))), List.of())).toList();
            return savePlan(run, plan, String.valueOf(exports.get(exports.size() - 1).get("_id")));
        });
    }

    /** Whether a closed incident's time is up and nothing holds it. */
    private boolean due(Document incident, Document retention, RetentionSettings settings) {
        if (!"CLOSED".equals(incident.getString("status"))) {
            return false;
        }
        if (retention != null && Boolean.TRUE.equals(retention.get("legalHold"))) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate keepUntil = retention == null ? null : date(retention.get("keepUntil"));
        if (keepUntil != null && !today.isAfter(keepUntil)) {
            return false;
        }
        if (safeguarding(incident.getString("category"))
                && settings.safeguarding() == RetentionSettings.SafeguardingRetention.UNTIL_CHILD_IS_25) {
            // kept indefinitely until a DSL sets the date the child turns 25
            return keepUntil != null;
        }
        Instant created = instant(incident.get("createdAt"));
        return created != null && created.atZone(ZoneOffset.UTC).plusYears(settings.incidentYears())
                .toInstant().isBefore(clock.instant());
    }

    /** Whether an incident's category is a safeguarding one (the classifier's safeguarding categories, R7 items). */
    static boolean safeguarding(String category) {
        if (category == null) {
            return false;
        }
        String name = category.strip().toUpperCase(Locale.ROOT);
        if (name.contains("SAFEGUARD") || name.equals("SUSPECTED_ILLEGAL")) {
            return true;
        }
        try {
            return uk.hallmonitor.classification.Category.valueOf(name).safeguarding();
        } catch (IllegalArgumentException other) {
            return false;
        }
    }

    private Mono<PurgeRun.Planned> incidentPlan(Document incident) {
        Object id = incident.get("_id");
        List<Object> listed = incident.getList("postIds", Object.class, List.of());
        // the incident's posts: those it lists and those whose verdict names it
        return mongo.find(Query.query(Criteria.where("incidentNumber").is(id)), Document.class, "verdicts")
                .map(v -> v.get("_id")).collectList()
                .flatMap(byVerdict -> {
                    Set<Object> posts = new HashSet<>(listed);
                    posts.addAll(byVerdict);
                    // a post that another incident also holds stays with that incident
                    return mongo.find(Query.query(Criteria.where("postIds").in(posts).and("_id").ne(id)),
                            Document.class, "incidents")
                            .flatMapIterable(other -> other.getList("postIds", Object.class, List.of()))
                            .collect(java.util.stream.Collectors.toSet())
                            .flatMap(shared -> {
                                posts.removeAll(shared);
                                return Mono.zip(docsOf(List.copyOf(posts)),
                                        idsWhere("alerts", "sourceKey", List.of("incident:" + id)),
                                        idsWhere(IncidentRetentions.COLLECTION, "_id", List.of(id)));
                            })
                            .flatMap(found -> idsWhere("alert_reads", "alertId", found.getT2()).map(reads -> {
                                Map<String, List<Object>> docs = new LinkedHashMap<>(found.getT1().docs());
                                docs.merge("alerts", found.getT2(), RetentionPurge::union);
                                docs.merge("alert_reads", reads, RetentionPurge::union);
                                docs.put(IncidentRetentions.COLLECTION, found.getT3());
                                docs.put("incidents", List.of(id));
                                docs.values().removeIf(List::isEmpty);
                                List<String> redact = new ArrayList<>(found.getT1().redact());
                                redact.add("incident|" + id);
                                return new PurgeRun.Planned("incident", String.valueOf(id),
                                        incident.getString("schoolId"), docs, redact);
                            }));
                });
    }

    /** One plan per due post, each with its verdict, clocks, alerts, alert reads, safeguarding alert and feedback. */
    private Mono<List<PurgeRun.Planned>> postPlans(List<Object> due, Map<Object, String> schoolOf) {
        if (due.isEmpty()) {
            return Mono.just(List.of());
        }
        return Flux.fromIterable(due)
                .concatMap(id -> docsOf(List.of(id)).map(found -> new PurgeRun.Planned("post", String.valueOf(id),
                        schoolOf.get(id), found.docs(), found.redact())))
                .collectList();
    }

    /** What goes with a set of posts. */
    private record Found(Map<String, List<Object>> docs, List<String> redact) {
    }

    private Mono<Found> docsOf(List<Object> postIds) {
        if (postIds.isEmpty()) {
            return Mono.just(new Found(Map.of(), List.of()));
        }
        List<Object> sources = postIds.stream().map(id -> (Object) ("post:" + id)).toList();
        return Mono.zip(idsWhere("posts", "_id", postIds), idsWhere("verdicts", "_id", postIds),
                idsWhere("sla_clocks", "postId", postIds), idsWhere("alerts", "sourceKey", sources),
                idsWhere("safeguarding_alerts", "_id", postIds),
                idsWhere("classifier_feedback", "_id", postIds))
                .flatMap(t -> idsWhere("alert_reads", "alertId", t.getT4()).map(reads -> {
                    Map<String, List<Object>> docs = new LinkedHashMap<>();
                    docs.put("alert_reads", reads);
                    docs.put("alerts", t.getT4());
                    docs.put("sla_clocks", t.getT3());
                    docs.put("safeguarding_alerts", t.getT5());
                    docs.put("classifier_feedback", t.getT6());
                    docs.put("verdicts", t.getT2());
                    // the post itself last, so a plan cut short is still found by its post on a fresh look
                    docs.put("posts", t.getT1());
                    docs.values().removeIf(List::isEmpty);
                    List<String> redact = new ArrayList<>();
                    postIds.forEach(id -> redact.add("post|" + id));
                    t.getT3().forEach(id -> redact.add("sla-clock|" + id));
                    return new Found(docs, redact);
                }));
    }

    private Mono<List<Object>> idsWhere(String collection, String field, Collection<Object> values) {
        if (values.isEmpty()) {
            return Mono.just(List.of());
        }
        Query query = Query.query(Criteria.where(field).in(values));
        query.fields().include("_id");
        return mongo.find(query, Document.class, collection).map(d -> d.get("_id")).collectList();
    }

    private Mono<Map<Object, Document>> byId(String collection, List<Object> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Document.class, collection)
                .collectMap(d -> d.get("_id"));
    }

    private Mono<Set<Object>> linkedPosts(List<Object> postIds) {
        Query query = Query.query(Criteria.where("postIds").in(postIds));
        query.fields().include("postIds");
        return mongo.find(query, Document.class, "incidents")
                .flatMapIterable(i -> i.getList("postIds", Object.class, List.of()))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Set<String> schools(List<Document> docs) {
        Set<String> schools = new HashSet<>();
        docs.forEach(d -> schools.add(d.getString("schoolId")));
        schools.remove(null);
        return schools;
    }

    private Mono<Map<String, RetentionSettings>> settings(Set<String> schools) {
        return mongo.find(Query.query(Criteria.where("_id").in(schools)), RetentionSettings.class)
                .collectMap(RetentionSettings::schoolId)
                .map(found -> {
                    Map<String, RetentionSettings> all = new HashMap<>(found);
                    schools.forEach(s -> all.putIfAbsent(s, RetentionSettings.defaults(s)));
                    all.put(null, RetentionSettings.defaults(null));
                    return all;
                });
    }

    private static List<Object> union(List<Object> a, List<Object> b) {
        List<Object> all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    private static Instant instant(Object value) {
        if (value instanceof java.util.Date date) {
            return date.toInstant();
        }
        return value instanceof Instant instant ? instant : null;
    }

    private static LocalDate date(Object value) {
        if (value instanceof java.util.Date date) {
            return LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
        }
        if (value instanceof String text) {
            try {
                return LocalDate.parse(text);
            } catch (java.time.format.DateTimeParseException unreadable) {
                return null;
            }
        }
        return value instanceof LocalDate day ? day : null;
    }
}
