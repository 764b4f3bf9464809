package uk.hallmonitor.sla.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.sla.ClockBreached;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.ReminderDue;
import uk.hallmonitor.sla.calendar.BankHolidayStore;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.Role;

/**
 * The sweep behind the Quartz job: clocks every announced post (read through monitoring's {@link Posts}, in order of
 * announcement, with the verdict it was announced with) that has none yet, then takes each open clock whose
 * {@code nextActionAt} has come and sends its reminders or its breach. Each step is claimed by one compare-and-set
 * {@code findAndModify} on the clock as it was read ({@code _id, state, version}; the update bumps the version),
 * and the notice is written into the clock by that same update, before the event is published: a restart or a
 * second instance finds the step taken (the offset in {@code remindersSent}, the state no longer {@code OPEN}) and
 * sends nothing twice.
 */
@Component
record ClockSweep(ReactiveMongoTemplate mongo, ResponseClocks clocks, ObjectProvider<Posts> posts,
                  AccountRegister accounts, SchoolDirectory directory, DomainEvents events, BankHolidayStore holidays,
                  SlaProperties properties, SlaMetrics metrics, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(ClockSweep.class);
    private static final String WATERMARKS = "sla_sweep_state";
    private static final String POSTS_WATERMARK = "posts";
    /** The newest {@code announcedAt} swept (the field was {@code collectedUpTo} when the sweep went by collection). */
    private static final String POSTS_MARK = "announcedUpTo";
    // Bounds one run of the post sweep; the next run goes on from the watermark.
    private static final int MOST_PAGES_PER_RUN = 1_000;
    private static final int CONCURRENT_CLOCKS = 16;

    /** What one run did. */
    record Report(int postsRead, long stepsSent) {
    }

    /** One full run: latest bank holidays, posts not yet clocked, then every step that is due. */
    Mono<Report> run() {
        Instant now = clock.instant();
        return holidays.refresh()
                .then(clockNewPosts(now))
                .zipWith(sendDueSteps(now), Report::new)
                .flatMap(report -> metrics.refreshIfStale(mongo, now, properties.metricsRefresh()).thenReturn(report))
                .doOnNext(report -> metrics.swept(Duration.between(now, clock.instant())));
    }

    /**
     * Sends every reminder and breach due at {@code now}; returns how many steps this instance claimed. One query
     * streams every due clock (the store reads them once, whatever their number), a few clocks at a time.
     */
    Mono<Long> sendDueSteps(Instant now) {
        Query due = Query.query(Criteria.where("state").is(ClockState.OPEN).and("nextActionAt").lte(now))
                .with(Sort.by("nextActionAt")).cursorBatchSize(properties.sweepBatch());
        return mongo.find(due, ResponseClock.class)
                .flatMap(found -> take(found, now), CONCURRENT_CLOCKS)
                .reduce(0L, Long::sum);
    }

    private Mono<Long> take(ResponseClock found, Instant now) {
        Mono<Long> work;
        if (!now.isBefore(found.dueAt())) {
            work = breach(found, now);
        } else {
            List<ResponseClock.Step> due = found.remindersDue(properties.reminderOffsets(), now);
            work = due.isEmpty() ? reschedule(found).thenReturn(0L) : remind(found, due, now);
        }
        return work.onErrorResume(error -> {
            log.warn("sla clock {} not swept this time: {}", found.id(), error.toString());
            return Mono.just(0L);
        });
    }

    /** Claims every reminder now due in one compare-and-set, then publishes one event per reminder. */
    private Mono<Long> remind(ResponseClock found, List<ResponseClock.Step> due, Instant now) {
        return runners(found).flatMap(runners -> {
            List<String> sent = new ArrayList<>(found.remindersSent());
            due.forEach(step -> sent.add(step.name()));
            Instant next = found.nextStep(properties.reminderOffsets(), sent).map(ResponseClock.Step::at).orElse(null);
            Update claim = new Update()
                    .addToSet("remindersSent").each(due.stream().map(ResponseClock.Step::name).toArray())
                    .push("notices").each(due.stream().map(step -> new Notice(step.name(), now, runners)).toArray())
                    .set("nextActionAt", next).inc("version", 1);
            return mongo.findAndModify(ResponseClocks.unchanged(found), claim,
                    FindAndModifyOptions.options().returnNew(true), ResponseClock.class)
                    .flatMap(claimed -> Flux.fromIterable(due).concatMap(step -> {
                        metrics.reminded();
                        return events.publish(new ReminderDue(found.id() + "/" + step.name(), found.id(),
                                found.postId(), found.schoolId(), found.accountId(), found.platform(), step.offset(),
                                found.dueAt(), runners, now));
                    }).then(Mono.just((long) due.size())))
                    .defaultIfEmpty(0L);
        });
    }

    private Mono<Long> breach(ResponseClock found, Instant now) {
        return runners(found).zipWith(slt(found)).flatMap(people -> {
            List<String> runners = people.getT1();
            List<String> slt = people.getT2();
            Update claim = new Update().set("state", ClockState.BREACHED).set("breachedAt", now)
                    .set("nextActionAt", null).push("notices", new Notice(Notice.BREACH, now, slt))
                    .inc("version", 1);
            return mongo.findAndModify(ResponseClocks.unchanged(found), claim,
                    FindAndModifyOptions.options().returnNew(true), ResponseClock.class)
                    .flatMap(claimed -> {
                        metrics.breached();
                        return events.publish(new ClockBreached(found.id() + "/" + Notice.BREACH, found.id(),
                                found.postId(), found.schoolId(), found.accountId(), found.platform(),
                                found.receivedAt(), found.dueAt(), slt, runners, now)).thenReturn(1L);
                    })
                    .defaultIfEmpty(0L);
        });
    }

    /** Puts a stale {@code nextActionAt} right (another instance took the step, or the offsets changed). */
    private Mono<Void> reschedule(ResponseClock found) {
        Instant next = found.nextStep(properties.reminderOffsets()).map(ResponseClock.Step::at).orElse(null);
        return mongo.updateFirst(ResponseClocks.unchanged(found),
                new Update().set("nextActionAt", next).inc("version", 1), ResponseClock.class).then();
    }

    private Mono<List<String>> runners(ResponseClock found) {
        return accounts.account(found.accountId()).map(SchoolAccount::runnerIds).defaultIfEmpty(List.of());
    }

    private Mono<List<String>> slt(ResponseClock found) {
        return directory.staffWithRole(found.schoolId(), Role.SLT).map(StaffView::id).collectList();
    }

    /**
     * Clocks posts announced since the watermark (less an overlap, for posts announced out of order by several
     * instances), inbound items before the school's own posts so that a reply read in the same page meets the clock
     * it answers. A post stored but not yet announced is not passed: it has no {@code announcedAt} yet.
     */
    Mono<Integer> clockNewPosts(Instant now) {
        Posts store = posts.getIfAvailable();
        if (store == null) {
            return Mono.just(0); // a partial build without monitoring: no posts to clock
        }
        return mongo.findById(POSTS_WATERMARK, Document.class, WATERMARKS)
                .mapNotNull(mark -> mark.getDate(POSTS_MARK))
                .map(mark -> mark.toInstant().minus(properties.postsOverlap()))
                .defaultIfEmpty(now.minus(properties.postsLookback()))
                .flatMap(since -> postsPage(store, since, MOST_PAGES_PER_RUN, 0));
    }

    private Mono<Integer> postsPage(Posts store, Instant since, int pagesLeft, int readSoFar) {
        return store.announcedSince(since, properties.sweepBatch()).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.just(readSoFar);
            }
            List<CollectedPost> ordered = page.stream()
                    .sorted(Comparator.comparing((CollectedPost p) -> p.kind() == PostKind.OWN_POST)).toList();
            Instant newest = page.stream().map(CollectedPost::announcedAt).max(Comparator.naturalOrder())
                    .orElseThrow();
            Mono<Void> clocked = Flux.fromIterable(ordered).concatMap(post -> clocks.take(post)
                    .onErrorResume(error -> {
                        log.warn("post {} not clocked this time: {}", post.id(), error.toString());
                        return Mono.empty();
                    })).then();
            Mono<Void> marked = mongo.upsert(Query.query(Criteria.where("_id").is(POSTS_WATERMARK)),
                    new Update().max(POSTS_MARK, newest), WATERMARKS).then();
            int read = readSoFar + page.size();
            if (page.size() < properties.sweepBatch() || pagesLeft <= 1) {
                return clocked.then(marked).thenReturn(read);
            }
            // A full page all stored in the same millisecond would be read again for ever: step past it.
            Instant next = newest.equals(since) ? newest.plusMillis(1) : newest;
            return clocked.then(marked).then(postsPage(store, next, pagesLeft - 1, read));
        });
    }
}
