package uk.hallmonitor.moderation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.moderation.IncidentDesk;
import uk.hallmonitor.moderation.IncidentRequest;
import uk.hallmonitor.moderation.PostFlagged;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.system.TimedSweep;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Stores the verdict of each announced post and routes flagged ones. The classifier's verdict comes with the post
 * ({@link PostReceived} carries both; monitoring classified the text once before announcing it), so nothing here
 * reads the post back or classifies it. The event is the fast path (queued, so the publisher does not wait); a
 * sweep of announced posts this consumer has not marked, and of flagged verdicts not yet routed, finishes whatever
 * a crash interrupted. Every step is idempotent: the verdict is keyed by post id, incidents by source, alerts by
 * dedup key.
 */
@Component
class PostTriage implements DomainEventListener<PostReceived> {

    /** The consumer name under which posts are marked in the monitoring store. */
    static final String CONSUMER = "moderation";

    private static final Logger log = LoggerFactory.getLogger(PostTriage.class);
    /** Leaves the fast path time to finish before the sweep looks at a fresh post. */
    private static final Duration HEAD_START = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 500;
    private static final int BATCH = 128;
    /** Flagged posts routed at once; their alerts are recorded a batch at a time, so many may wait together. */
    private static final int ROUTING_CONCURRENCY = 512;
    private static final Duration BATCH_WAIT = Duration.ofMillis(20);

    /** A post and its fresh verdict, not yet stored; {@code routedHere} when this call recorded its alerts. */
    private record Classified(CollectedPost post, PostVerdict verdict, boolean routedHere) {
    }

    private final ObjectProvider<Posts> postStore;
    private final VerdictStore verdicts;
    private final FlaggedPostAlerts alerting;
    private final IncidentDesk incidents;
    private final AuditTrail audit;
    private final ContentSeal seal;
    private final DomainEvents events;
    private final ModerationProperties properties;
    private final Clock clock;
    // a new queue at every start: a unicast sink takes one subscriber, and a stopped service may be started again
    private volatile Sinks.Many<CollectedPost> arrivals = Sinks.many().unicast().onBackpressureBuffer();
    /** Posts announced to this instance and not yet marked: while any are, the fast path is behind. */
    private final java.util.concurrent.atomic.AtomicLong inFlight = new java.util.concurrent.atomic.AtomicLong();
    private volatile Disposable running;

    PostTriage(ObjectProvider<Posts> postStore, VerdictStore verdicts, FlaggedPostAlerts alerting,
               IncidentDesk incidents, AuditTrail audit, ContentSeal seal, DomainEvents events,
               ModerationProperties properties, Clock clock) {
        this.postStore = postStore;
        this.verdicts = verdicts;
        this.alerting = alerting;
        this.incidents = incidents;
        this.audit = audit;
        this.seal = seal;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Whether the posts store is in this service; without it (a partial build) triage stays off and says so at
     * start, rather than failing the whole service.
     */
    boolean ready() {
        return postStore.getIfAvailable() != null;
    }

    @Override
    public Mono<Void> on(PostReceived event) {
        if (running == null || event.verdict() == null) {
            return Mono.empty(); // the sweep finds it once triage runs; without a verdict there is nothing to route
        }
        Sinks.Many<CollectedPost> queue = arrivals;
        synchronized (queue) {
            inFlight.incrementAndGet();
            queue.tryEmitNext(event.post());
        }
        return Mono.empty();
    }

    /** One pass of the sweep; answers how many posts it finished. */
    Mono<Long> sweep() {
        Instant before = clock.instant().minus(HEAD_START);
        // while a burst is still queued here the unmarked posts are mostly that queue: triaging them a second time
        // would only slow it down; the first sweep after the queue has drained finds whatever it dropped
        Mono<Long> unclassified = inFlight.get() > 0 ? Mono.just(0L) : posts().unprocessed(CONSUMER, before,
                SWEEP_BATCH)
                // a post not yet announced has no verdict yet: its announcement brings it here
                .filter(post -> post.verdict() != null)
                .flatMap(post -> triage(post).onErrorResume(this::skipped), properties.classifyConcurrency())
                .count();
        Mono<Long> unrouted = verdicts.unrouted(before, SWEEP_BATCH)
                .concatMap(verdict -> finish(verdict).onErrorResume(this::skipped))
                .count();
        return unclassified.flatMap(classified -> unrouted.map(routed -> classified + routed));
    }

    void start() {
        if (!ready()) {
            log.warn("moderation triage is off: no posts store in this service");
            return;
        }
        // Under a burst the store's writes are the cost (each one a commit on the embedded store), so a flagged post
        // goes straight to the outbox: its alerts are recorded (one write) and handed to the dispatcher before its
        // verdict is stored, and the verdict then joins the batch of clean ones (one write for many). A crash in
        // between leaves the post unmarked; the sweep triages it again and the dedup keys drop the repeated alerts.
        // Suspected illegal content keeps the order verdict → incident → alert: the seal and the log hang on it.
        Sinks.Many<Classified> toStore = Sinks.many().unicast().onBackpressureBuffer();
        arrivals = Sinks.many().unicast().onBackpressureBuffer();
        inFlight.set(0);
        Flux<Boolean> routedFirst = arrivals.asFlux()
                .flatMap(arrived -> Mono.just(arrived)
                        .flatMap(post -> judged(post).map(verdict -> new Classified(post, verdict, false)))
                        .map(Optional::of)
                        .onErrorResume(error -> this.<Optional<Classified>>skipped(error))
                        .defaultIfEmpty(Optional.empty()), properties.classifyConcurrency())
                // routing waits on the store (its writes are batched), so it gets many more slots than classifying:
                // a flagged post must not hold a classifier's slot while the posts behind it queue
                .flatMap(classified -> Mono.justOrEmpty(classified)
                        .flatMap(item -> {
                            PostVerdict verdict = item.verdict();
                            if (verdict.suspectedIllegal()) {
                                return verdicts.save(verdict).flatMap(stored -> afterSave(stored, item.post()))
                                        .thenReturn(false);
                            }
                            Mono<Classified> next = verdict.flagged()
                                    ? alerting.flagged(verdict, item.post()).map(
                                            routed -> new Classified(item.post(), routed.routed(clock.instant()), true))
                                    : Mono.just(item);
                            return next.map(ready -> {
                                synchronized (toStore) {
                                    toStore.tryEmitNext(ready);
                                }
                                return true;
                            });
                        })
                        .onErrorResume(error -> this.<Boolean>skipped(error))
                        .defaultIfEmpty(false)
                        .doOnNext(handedOn -> {
                            if (!handedOn) {
                                inFlight.decrementAndGet(); // done here, or dropped for the sweep
                            }
                        }), ROUTING_CONCURRENCY);
        Flux<PostVerdict> stored = toStore.asFlux()
                .bufferTimeout(BATCH, BATCH_WAIT, true)
                .flatMap(batch -> verdicts.saveAll(batch.stream().map(Classified::verdict).toList())
                        .flatMapMany(saved -> Flux.fromIterable(batch).flatMap(item -> afterBatch(
                                saved.get(item.post().id()), item).onErrorResume(this::skipped),
                                properties.classifyConcurrency()))
                        .onErrorResume(this::skipped)
                        .doFinally(signal -> inFlight.addAndGet(-batch.size())), 2);
        Flux<Long> sweeps = TimedSweep.every(properties.sweepEvery(), this::sweep, this::skipped);
        running = Flux.merge(routedFirst.then(), stored.then(), sweeps.then()).subscribe();
    }

    void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    private Mono<PostVerdict> triage(CollectedPost post) {
        // judge first and let the unique key settle races: one store round trip less
        return judged(post).flatMap(verdicts::save).flatMap(verdict -> afterSave(verdict, post));
    }

    /**
     * After a batch of verdicts is stored: tells the other modules of a post flagged and routed here (unless another
     * instance stored its verdict first and so told them), then goes on as after any save.
     */
    private Mono<PostVerdict> afterBatch(PostVerdict stored, Classified item) {
        if (item.routedHere() && item.verdict().routedAt().equals(stored.routedAt())) {
            return flaggedEvent(stored).then(markProcessed(stored)).thenReturn(stored);
        }
        return afterSave(stored, item.post());
    }

    /** Routes a stored verdict if it still needs it, then marks the post as handled. */
    private Mono<PostVerdict> afterSave(PostVerdict stored, CollectedPost post) {
        return Mono.just(stored)
                .flatMap(verdict -> verdict.flagged() && verdict.routedAt() == null
                        ? finish(verdict, post) : Mono.just(verdict))
                .flatMap(verdict -> markProcessed(verdict).thenReturn(verdict));
    }

    /** The post's verdict as moderation keeps it (sealing suspected illegal content); empty without a verdict. */
    private Mono<PostVerdict> judged(CollectedPost post) {
        return Mono.justOrEmpty(post.verdict())
                .map(verdict -> PostVerdict.of(post, verdict, clock.instant(),
                        verdict.suspectedIllegal() ? seal.seal(post.id(), sealedContent(post)) : null));
    }

    private Mono<PostVerdict> finish(PostVerdict verdict) {
        return verdict.suspectedIllegal()
                ? finish(verdict, null)
                : posts().post(verdict.postId()).flatMap(post -> finish(verdict, post))
                        .switchIfEmpty(Mono.defer(() -> finish(verdict, null)));
    }

    private Mono<PostVerdict> finish(PostVerdict verdict, CollectedPost post) {
        Mono<PostVerdict> ready = verdict.suspectedIllegal() ? logSuspectedIllegal(verdict) : Mono.just(verdict);
        return ready.flatMap(logged -> alerting.flagged(logged, logged.suspectedIllegal() ? null : post)
                .flatMap(routed -> (routed.incidentNumber() != null && logged.incidentNumber() == null
                        ? verdicts.incident(routed.postId(), routed.incidentNumber()) : Mono.<Void>empty())
                        .then(verdicts.routed(routed.postId(), clock.instant()))
                        .then(flaggedEvent(routed))
                        .thenReturn(routed)));
    }

    private Mono<Void> flaggedEvent(PostVerdict verdict) {
        return events.publish(new PostFlagged(verdict.postId(), verdict.schoolId(), verdict.accountId(),
                verdict.platform(), verdict.categoryNames(), verdict.severity().name(), verdict.safeguarding(),
                verdict.suspectedIllegal(), clock.instant()));
    }

    /**
     * R7: opens the incident, makes the dated log entry in the hash-chained audit trail, then erases the plain text
     * from the posts store; the sealed copy stays with the verdict. Runs again harmlessly after a crash: the
     * incident is found by its source, and the entry is made until {@code loggedAt} is set.
     */
    private Mono<PostVerdict> logSuspectedIllegal(PostVerdict verdict) {
        if (verdict.loggedAt() != null) {
            return Mono.just(verdict);
        }
        Mono<String> owner = alerting.dsl(verdict.schoolId()).map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty()).map(found -> found.orElse(""));
        return owner.flatMap(dsl -> incidents.open(new IncidentRequest(
                "illegal:" + verdict.platform() + ":" + verdict.platformPostId(), verdict.schoolId(),
                "SUSPECTED_ILLEGAL", verdict.severity().name(), List.of(verdict.postId()), "system",
                "Opened automatically: the classifier suspects illegal content. The content is sealed and was "
                        + "shown to nobody. Report to the IWF by typing the address; do not investigate.",
                dsl.isEmpty() ? null : dsl))).flatMap(number -> {
                    Instant now = clock.instant();
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("incident", number);
                    entry.put("who", "Hallmonitor (classifier " + verdict.modelVersion() + "), automatically");
                    entry.put("when", now.toString());
                    entry.put("what", "suspected illegal content on " + verdict.platform() + ", posted "
                            + verdict.postedAt() + ", collected " + verdict.collectedAt()
                            + "; categories " + verdict.categoryNames());
                    entry.put("seenBy", "nobody: sealed before any person could see it");
                    entry.put("handling",
                            "content sealed (AES-256-GCM), plain text erased, alert without content sent");
                    return audit
                            .record(new AuditEvent("system", "moderation.suspected-illegal-logged", verdict.schoolId(),
                                    "post", verdict.postId(), null, entry))
                            .then(verdicts.logged(verdict.postId(), number, now))
                            .flatMap(logged -> posts().erase(logged.postId()).thenReturn(logged));
                });
    }

    private Mono<Boolean> markProcessed(PostVerdict verdict) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("flagged", Boolean.toString(verdict.flagged()));
        fields.put("severity", verdict.severity() == null ? "NONE" : verdict.severity().name());
        fields.put("sealed", Boolean.toString(verdict.suspectedIllegal()));
        return posts().markProcessed(verdict.postId(), CONSUMER, fields);
    }

    private static String sealedContent(CollectedPost post) {
        return "author: " + post.authorHandle() + " (" + post.authorId() + ")\nurl: " + post.url() + "\ntext: "
                + post.text();
    }

    private Posts posts() {
        return postStore.getObject();
    }

    private <T> Mono<T> skipped(Throwable error) {
        log.warn("triage failed, the sweep will retry: {}", error.toString());
        return Mono.empty();
    }

}
