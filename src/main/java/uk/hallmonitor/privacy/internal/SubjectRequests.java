package uk.hallmonitor.privacy.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.privacy.Subject;
import uk.hallmonitor.privacy.SubjectData;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * Subject access and erasure requests: accepted at once (202), answered in the background by every
 * {@link SubjectData} contributor, each step in the audit trail (naming the person only by pseudonym, never their
 * data). An erasure first decides which of the person's posts must be kept whole (sealed R7 items, posts of
 * incidents under legal hold), then lets each collection tombstone the rest, removes any export file about the person
 * and redacts the audit entries about the erased posts. Both kinds are idempotent, so a request left unfinished by a
 * restart is simply run again.
 */
@Component
class SubjectRequests {

    private static final Logger log = LoggerFactory.getLogger(SubjectRequests.class);
    private static final Duration STALE = Duration.ofMinutes(10);
    private static final Pattern HANDLE = Pattern.compile("@?[A-Za-z0-9_.\\-:@]{1,100}");

    private final ReactiveMongoTemplate mongo;
    private final List<SubjectData> contributors;
    private final SubjectExports exports;
    private final AuditTrail audit;
    private final Clock clock;

    SubjectRequests(ReactiveMongoTemplate mongo, List<SubjectData> contributors, SubjectExports exports,
                    AuditTrail audit, Clock clock) {
        this.mongo = mongo;
        this.contributors = List.copyOf(contributors);
        this.exports = exports;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@code POST /api/v1/privacy/requests} accepts. */
    record Request(String schoolId, String kind, SubjectRequestBody subject) {
    }

    /** The person: {@code {platform, handle}} or {@code {staffId}}. */
    record SubjectRequestBody(String platform, String handle, String staffId) {
    }

    /** A request as answered by the API. */
    record View(String id, String schoolId, String kind, String state, Subject subject, String requestedBy,
                Instant requestedAt, Instant finishedAt, Map<String, Long> found, List<SubjectData.Kept> kept,
                String failure, String download, Instant downloadExpiresAt, Boolean downloaded) {
    }

    Mono<View> create(Caller caller, Request request) {
        Subject subject;
        try {
            subject = validate(request);
        } catch (org.springframework.web.ErrorResponseException invalid) {
            return Mono.error(invalid);
        }
        String kind = request.kind().strip().toUpperCase(Locale.ROOT);
        return allowed(caller, subject.schoolId())
                .then(subject.staff() ? staffInSchool(subject) : Mono.empty())
                .then(Mono.defer(() -> {
                    Instant now = clock.instant();
                    SubjectRequest fresh = new SubjectRequest(UUID.randomUUID().toString(), subject.schoolId(), kind,
                            subject, "PENDING", caller.username(), now, null, null, Map.of(), List.of(), null, 0);
                    return mongo.insert(fresh);
                }))
                .flatMap(saved -> audit.record(new AuditEvent(caller.username(), "privacy.request.created",
                        saved.schoolId(), "privacy-request", saved.id(), null,
                        Map.of("kind", saved.kind(), "about", saved.subject().staff() ? "staff" : "public"),
                        List.of(saved.subject().auditKey())))
                        .thenReturn(saved))
                .doOnNext(saved -> process(saved.id()).subscribeOn(Schedulers.boundedElastic())
                        .subscribe(done -> {}, error -> log.warn("privacy request {} failed: {}", saved.id(),
                                error.toString())))
                .flatMap(this::view);
    }

    Mono<View> get(Caller caller, String id) {
        return visible(caller, id).flatMap(this::view);
    }

    /** The export file for the token, once, for someone allowed to make requests in its school. */
    Mono<byte[]> download(Caller caller, String token) {
        Query query = Query.query(Criteria.where("token").is(token));
        query.fields().include("schoolId").include("subjectKey");
        return mongo.findOne(query, Document.class, SubjectExports.COLLECTION)
                .transform(SchoolScopedPages.visibleTo(caller, (Document file) -> file.getString("schoolId"), "export",
                        "in that link"))
                .flatMap(file -> allowed(caller, file.getString("schoolId")).thenReturn(file))
                .flatMap(file -> exports.take(token)
                        .switchIfEmpty(Mono.error(() -> Problems.of(org.springframework.http.HttpStatus.GONE,
                                "Link used or expired", "this download link was used already or has expired;"
                                        + " make a new request (POST /api/v1/privacy/requests)",
                                Map.of())))
                        .flatMap(taken -> audit.record(new AuditEvent(caller.username(), "privacy.export.downloaded",
                                taken.getString("schoolId"), "privacy-request", String.valueOf(taken.get("_id")),
                                null, null, List.of(file.getString("subjectKey"))))
                                .thenReturn(((org.bson.types.Binary) taken.get("zip")).getData())));
    }

    /** Runs requests a restart left PENDING or RUNNING. */
    Mono<Long> resumeUnfinished() {
        Instant stale = clock.instant().minus(STALE);
        return mongo.find(Query.query(new Criteria().orOperator(Criteria.where("state").is("PENDING")
                .and("requestedAt").lt(stale),
                Criteria.where("state").is("RUNNING").and("startedAt").lt(stale))), SubjectRequest.class)
                .concatMap(request -> process(request.id()).onErrorResume(error -> Mono.empty()))
                .count();
    }

    /** Claims the request (compare-and-set) and answers it. */
    Mono<SubjectRequest> process(String id) {
        Instant now = clock.instant();
        Instant stale = now.minus(STALE);
        Query claimable = Query.query(Criteria.where("_id").is(id).orOperator(Criteria.where("state").is("PENDING"),
                Criteria.where("state").is("RUNNING").and("startedAt").lt(stale)));
        return mongo.findAndModify(claimable, new Update().set("state", "RUNNING").set("startedAt", now)
                .inc("version", 1), FindAndModifyOptions.options().returnNew(true), SubjectRequest.class)
                .flatMap(request -> (SubjectRequest.ERASE.equals(request.kind()) ? erase(request) : export(request))
                        .onErrorResume(error -> finish(request, "FAILED", Map.of(), List.of(),
                                error.getClass().getSimpleName() + ": " + error.getMessage())));
    }

    private Mono<SubjectRequest> export(SubjectRequest request) {
        return scope(request.subject())
                .flatMap(scope -> Flux.fromIterable(contributors)
                        .concatMap(c -> c.find(scope).collectList().map(docs -> Map.entry(c.collection(), docs)))
                        .filter(e -> !e.getValue().isEmpty())
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue, TreeMap::new))
                .flatMap(found -> {
                    Map<String, Long> counts = new TreeMap<>();
                    found.forEach((collection, docs) -> counts.put(collection, (long) docs.size()));
                    Map<String, List<Document>> ordered = new LinkedHashMap<>(found);
                    return exports.store(request, ordered)
                            .then(audit.record(new AuditEvent("system", "privacy.export.ready", request.schoolId(),
                                    "privacy-request", request.id(), null, Map.of("found", counts),
                                    List.of(request.subject().auditKey()))))
                            .then(finish(request, "DONE", counts, List.of(), null));
                });
    }

    private Mono<SubjectRequest> erase(SubjectRequest request) {
        return scope(request.subject()).flatMap(scope -> Flux.fromIterable(contributors)
                .concatMap(c -> c.erase(scope))
                .collectList()
                .flatMap(results -> {
                    Map<String, Long> changed = new TreeMap<>();
                    List<SubjectData.Kept> kept = new ArrayList<>();
                    for (SubjectData.Erased result : results) {
                        if (result.changed() > 0) {
                            changed.put(result.collection(), result.changed());
                        }
                        kept.addAll(result.kept());
                    }
                    return exports.removeAbout(request.subject())
                            .then(redactAudit(scope))
                            .flatMap(redacted -> {
                                changed.put("audit_entries (content removed)", redacted);
                                return audit.record(new AuditEvent("system", "privacy.erasure.done",
                                        request.schoolId(), "privacy-request", request.id(), null,
                                        Map.of("changed", changed, "kept", kept.stream().map(k -> Map.of(
                                                "collection", k.collection(), "id", k.id(), "reason", k.reason()))
                                                .toList()),
                                        List.of(request.subject().auditKey())));
                            })
                            .then(finish(request, "DONE", changed, kept, null));
                }));
    }

    private Mono<Long> redactAudit(SubjectData.Scope scope) {
        return Flux.fromIterable(scope.erasablePostIds())
                .concatMap(postId -> audit.redact("post", postId))
                .map(AuditTrail.Redaction::redacted)
                .reduce(0L, Long::sum);
    }

    private Mono<SubjectRequest> finish(SubjectRequest request, String state, Map<String, Long> found,
                                        List<SubjectData.Kept> kept, String failure) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(request.id())),
                new Update().set("state", state).set("finishedAt", clock.instant()).set("found", found)
                        .set("kept", kept)
                        .set("failure", failure).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), SubjectRequest.class);
    }

    /** The person's posts in the school, and which of them must be kept whole and why. */
    Mono<SubjectData.Scope> scope(Subject subject) {
        if (subject.staff()) {
            return Mono.just(new SubjectData.Scope(subject, Set.of(), Map.of()));
        }
        Query posts = Query.query(Criteria.where("schoolId").is(subject.schoolId()).and("platform")
                .is(subject.platform()).and("authorHandle")
                .regex("^@?" + Pattern.quote(subject.bareHandle()) + "$", "i"));
        posts.fields().include("_id");
        return mongo.find(posts, Document.class, "posts").map(d -> String.valueOf(d.get("_id"))).collectList()
                .flatMap(ids -> Mono.zip(sealed(ids), held(ids)).map(t -> {
                    Map<String, String> kept = new HashMap<>(t.getT2());
                    t.getT1().forEach(id -> kept.put(id, "a sealed item (suspected illegal content, R7): kept"
                            + " unchanged for the police and shown to nobody"));
                    return new SubjectData.Scope(subject, Set.copyOf(ids), kept);
                }));
    }

    private Mono<List<String>> sealed(List<String> postIds) {
        Query query = Query.query(Criteria.where("_id").in(postIds).orOperator(
                Criteria.where("suspectedIllegal").is(true), Criteria.where("sealed").ne(null)));
        query.fields().include("_id");
        return mongo.find(query, Document.class, "verdicts").map(d -> String.valueOf(d.get("_id"))).collectList();
    }

    private Mono<Map<String, String>> held(List<String> postIds) {
        return mongo.find(Query.query(Criteria.where("postIds").in(postIds)), Document.class, "incidents")
                .concatMap(incident -> mongo.findById(incident.get("_id"), IncidentRetention.class)
                        .filter(IncidentRetention::legalHold)
                        .map(hold -> Map.entry(incident, hold)))
                .collectList()
                .map(heldIncidents -> {
                    Map<String, String> kept = new HashMap<>();
                    for (var entry : heldIncidents) {
                        for (Object postId : entry.getKey().getList("postIds", Object.class, List.of())) {
                            if (postIds.contains(String.valueOf(postId))) {
                                kept.put(String.valueOf(postId), "incident " + entry.getKey().get("_id")
                                        + " is under legal hold (" + entry.getValue().reason() + ")");
                            }
                        }
                    }
                    return kept;
                });
    }

    private Mono<View> view(SubjectRequest request) {
        Mono<java.util.Optional<SubjectExports.Ready>> file = SubjectRequest.EXPORT.equals(request.kind())
                ? exports.of(request.id()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                : Mono.just(java.util.Optional.empty());
        return file.map(ready -> {
            SubjectExports.Ready f = ready.orElse(null);
            boolean usable = f != null && !f.downloaded() && f.expiresAt().isAfter(clock.instant());
            return new View(request.id(), request.schoolId(), request.kind(), request.state(), request.subject(),
                    request.requestedBy(), request.requestedAt(), request.finishedAt(), request.found(),
                    request.kept(), request.failure(), usable ? "/api/v1/privacy/exports/" + f.token() : null,
                    f == null ? null : f.expiresAt(), f == null ? null : f.downloaded());
        });
    }

    private Mono<SubjectRequest> visible(Caller caller, String id) {
        return mongo.findById(id, SubjectRequest.class)
                .transform(SchoolScopedPages.visibleTo(caller, SubjectRequest::schoolId, "privacy request", id))
                .flatMap(request -> allowed(caller, request.schoolId()).thenReturn(request));
    }

    private Mono<Void> allowed(Caller caller, String schoolId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(schoolId)), Document.class, "schools")
                .flatMap(exists -> !exists || !caller.canSee(schoolId)
                        ? Mono.error(Problems.notFound("school", schoolId))
                        : caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL) ? Mono.<Void>empty()
                        : Mono.error(Problems.forbidden("subject access and erasure are for SLT, the DSL and"
                                + " administrators")));
    }

    private Mono<Void> staffInSchool(Subject subject) {
        return mongo.exists(Query.query(Criteria.where("_id").is(subject.staffId()).and("schoolId")
                .is(subject.schoolId())), Document.class, "staff")
                .flatMap(exists -> exists ? Mono.<Void>empty() : Mono.error(Problems.badRequest("subject.staffId",
                        "no member of staff " + subject.staffId() + " in school " + subject.schoolId())));
    }

    static Subject validate(Request request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request == null) {
            throw Problems.badRequest("kind", "send {schoolId, kind: EXPORT | ERASE, subject: {platform, handle} |"
                    + " {staffId}}");
        }
        if (request.schoolId() == null || request.schoolId().isBlank()) {
            errors.add(new Problems.FieldError("schoolId", "name the school whose records are searched"));
        }
        if (request.kind() == null || !Set.of(SubjectRequest.EXPORT, SubjectRequest.ERASE)
                .contains(request.kind().strip().toUpperCase(Locale.ROOT))) {
            errors.add(new Problems.FieldError("kind", "use EXPORT (subject access) or ERASE (erasure)"));
        }
        SubjectRequestBody who = request.subject();
        String platform = null;
        if (who == null) {
            errors.add(new Problems.FieldError("subject", "name the person: {platform, handle} for a member of the"
                    + " public or {staffId} for a member of staff"));
        } else if (who.staffId() != null && (who.handle() != null || who.platform() != null)) {
            errors.add(new Problems.FieldError("subject", "give either {platform, handle} or {staffId}, not both"));
        } else if (who.staffId() != null) {
            if (who.staffId().isBlank()) {
                errors.add(new Problems.FieldError("subject.staffId", "must not be blank"));
            }
        } else {
            try {
                platform = who.platform() == null ? null
                        : Platform.valueOf(who.platform().strip().toUpperCase(Locale.ROOT)).name();
            } catch (IllegalArgumentException unknown) {
                platform = null;
            }
            if (platform == null) {
                errors.add(new Problems.FieldError("subject.platform", "name the platform, one of "
                        + java.util.Arrays.toString(Platform.values())));
            }
            if (who.handle() == null || !HANDLE.matcher(who.handle().strip()).matches()) {
                errors.add(new Problems.FieldError("subject.handle", "the person's handle on the platform, e.g."
                        + " @someone (letters, digits, _ . - : @, at most 100)"));
            }
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return who.staffId() != null ? new Subject(request.schoolId().strip(), null, null, who.staffId().strip())
                : new Subject(request.schoolId().strip(), platform, who.handle().strip().replaceFirst("^@", ""), null);
    }
}
