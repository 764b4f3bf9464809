package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.classification.PostClassifier;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.SubscribedLoop;
import uk.hallmonitor.system.TimedSweep;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Announces each stored post once, off the poll: classifies its text (the only classification of that text in the
 * service), stores the verdict with the post and stamps {@code announcedAt} in one compare-and-set update that only
 * an unannounced post matches, then publishes {@link PostReceived} carrying the post and the verdict. An edit is
 * classified here too and published as {@link PostEdited}.
 *
 * <p>The poll, the webhook and the import only hand the stored post to this queue, so a poll's lock is held for the
 * fetch and the store alone. The queue is in memory: a post stored but not yet announced when the process dies has
 * no {@code announcedAt}, and the sweep (posts without one, collected before a short head start) announces it on
 * whichever instance comes first; a post whose announcement was stored but whose event was lost is found by each
 * listener's own sweep of announced posts. An edit's re-judgement is a fast path only, as it always was.
 */
@Component
public class PostAnnouncer extends SubscribedLoop {

    private static final Logger log = LoggerFactory.getLogger(PostAnnouncer.class);
    /** Leaves the queue time to announce a fresh post before the sweep looks at it. */
    static final Duration HEAD_START = Duration.ofSeconds(5);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);
    private static final int SWEEP_BATCH = 500;
    /** Posts classified at once: the classifier batches what is queued, so a burst goes through it together. */
    private static final int CONCURRENCY = 64;
    /** A graceful stop finishes the queue for at most this long; what is left the sweep announces later. */
    private static final Duration DRAIN = Duration.ofSeconds(10);

    /** One piece of queued work: a new post to announce, or an edit to judge. */
    private record Work(PostDocument post, boolean edit) {
    }

    private final ReactiveMongoTemplate mongo;
    private final ObjectProvider<PostClassifier> classifiers;
    private final DomainEvents events;
    private final Clock clock;
    private final AtomicLong queued = new AtomicLong();
    // a new queue at every start: a unicast sink takes one subscriber, and a stopped service may be started again
    private volatile Sinks.Many<Work> queue = Sinks.many().unicast().onBackpressureBuffer();

    PostAnnouncer(ReactiveMongoTemplate mongo, ObjectProvider<PostClassifier> classifiers, DomainEvents events,
                  Clock clock) {
        this.mongo = mongo;
        this.classifiers = classifiers;
        this.events = events;
        this.clock = clock;
    }

    /** Queues a post stored for the first time; returns at once. */
    void received(PostDocument post) {
        offer(new Work(post, false));
    }

    /** Queues a post whose text changed; returns at once. */
    void edited(PostDocument post) {
        offer(new Work(post, true));
    }

    private void offer(Work work) {
        if (!isRunning()) {
            return; // not started (or stopping): the sweep finds a new post; an edit is not re-judged
        }
        Sinks.Many<Work> current = queue;
        synchronized (current) {
            queued.incrementAndGet();
            if (current.tryEmitNext(work).isFailure()) {
                queued.decrementAndGet();
            }
        }
    }

    /** Announces the post unless it is announced already; completes with the post as announced, or empty. */
    Mono<CollectedPost> announce(PostDocument post) {
        return verdictOn(post.text()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(verdict -> {
                    Instant now = clock.instant();
                    Query unannounced = Query.query(Criteria.where("_id").is(post.id()).and("announcedAt").is(null));
                    Update stamp = new Update().set("verdict", verdict.orElse(null)).set("announcedAt", now);
                    return mongo.findAndModify(unannounced, stamp, FindAndModifyOptions.options().returnNew(true),
                            PostDocument.class);
                })
                // empty: announced by another instance (or erased) since; that instance published it
                .map(PostDocument::view)
                .flatMap(announced -> events.publish(new PostReceived(announced)).thenReturn(announced));
    }

    /** One pass of the sweep: announces posts the queue did not; answers how many. */
    Mono<Long> sweep() {
        if (queued.get() > 0) {
            return Mono.just(0L); // while a burst is still queued, unannounced posts are mostly that queue
        }
        Instant before = clock.instant().minus(HEAD_START);
        Query query = Query.query(Criteria.where("announcedAt").is(null).and("collectedAt").lt(before))
                .with(Sort.by("collectedAt", "_id")).limit(SWEEP_BATCH);
        return mongo.find(query, PostDocument.class)
                .flatMap(post -> announce(post).onErrorResume(this::skipped), CONCURRENCY)
                .count();
    }

    private Mono<Void> judgeEdit(PostDocument post) {
        return verdictOn(post.text()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty())
                .flatMap(verdict -> events.publish(new PostEdited(post.view(), verdict.orElse(null))));
    }

    private Mono<Verdict> verdictOn(String text) {
        PostClassifier classifier = classifiers.getIfAvailable();
        return classifier == null ? Mono.empty() : classifier.classifyLater(text == null ? "" : text);
    }

    @Override
    protected Disposable subscribe() {
        Sinks.Many<Work> fresh = Sinks.many().unicast().onBackpressureBuffer();
        queue = fresh;
        queued.set(0);
        Flux<Void> announced = fresh.asFlux()
                .flatMap(work -> (work.edit() ? judgeEdit(work.post()) : announce(work.post()).then())
                        .onErrorResume(this::skipped)
                        .doFinally(signal -> queued.decrementAndGet()), CONCURRENCY);
        Flux<Long> sweeps = TimedSweep.every(SWEEP_EVERY, this::sweep, this::skipped);
        return Flux.merge(announced.then(), sweeps.then()).subscribe();
    }

    @Override
    protected void beforeDispose() {
        // a graceful stop announces what is queued (for a while); a kill leaves it to the next sweep
        Sinks.Many<Work> current = queue;
        synchronized (current) {
            current.tryEmitComplete();
        }
        Instant until = Instant.now().plus(DRAIN);
        while (queued.get() > 0 && Instant.now().isBefore(until)) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /**
     * The last phase: starts after the listeners' own queues and stops before them, so the announcements of a
     * graceful stop still reach them.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private <T> Mono<T> skipped(Throwable error) {
        log.warn("announcing a post failed, the sweep will retry: {}", error.toString());
        return Mono.empty();
    }
}
