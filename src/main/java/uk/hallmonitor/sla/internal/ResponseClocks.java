package uk.hallmonitor.sla.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Intent;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.calendar.DueTimeRule;
import uk.hallmonitor.sla.calendar.SchoolCalendars;
import uk.hallmonitor.sla.calendar.SchoolRules;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;

/**
 * Starts and stops response clocks in {@code sla_clocks}. Starting is idempotent (unique {@code postId}), so the
 * event fast path and the post sweep may both see the same item; stopping is a single conditional update per
 * clock, so a reply, an acknowledgement and the breach sweep racing each other leave one consistent outcome. The
 * post comes with its text and the classifier's verdict (from monitoring's announcement, or its store for the
 * sweep): nothing here reads a post back or classifies one.
 */
@Component
public class ResponseClocks {

    static final Set<PostKind> CLOCKED = EnumSet.of(PostKind.COMMENT, PostKind.MENTION, PostKind.DIRECT_MESSAGE);

    private final ReactiveMongoTemplate mongo;
    private final SchoolCalendars calendars;
    private final AccountRegister accounts;
    private final SlaProperties properties;
    private final SlaMetrics metrics;
    private final DueTimeRule rule;
    private final Clock clock;

    ResponseClocks(ReactiveMongoTemplate mongo, SchoolCalendars calendars, AccountRegister accounts,
                   SlaProperties properties, SlaMetrics metrics, Clock clock) {
        this.accounts = accounts;
        this.mongo = mongo;
        this.calendars = calendars;
        this.properties = properties;
        this.metrics = metrics;
        this.rule = new DueTimeRule(properties.window());
        this.clock = clock;
    }

    /** Reacts to a stored post: an inbound item starts a clock, the account's own post stops its conversation's. */
    Mono<Void> take(CollectedPost post) {
        if (post.kind() == PostKind.OWN_POST) {
            return meetByReply(post).then();
        }
        return start(post).then();
    }

    /** Starts the item's clock; empty when it starts none or already has one. */
    Mono<ResponseClock> start(CollectedPost post) {
        if (!CLOCKED.contains(post.kind()) || post.accountId() == null || post.schoolId() == null) {
            return Mono.empty();
        }
        Instant received = receivedAt(post);
        Instant collected = post.collectedAt() == null ? received : post.collectedAt();
        if (Duration.between(received, collected).compareTo(properties.ignoreOlderThan()) > 0) {
            return Mono.empty();
        }
        return calendars.rules(post.schoolId())
                .flatMap(rules -> judge(post, post.verdict(), rules).filter(judged -> judged != Judgement.NONE)
                        .map(judged -> newClock(post, received, rules, judged == Judgement.EXCLUDE)))
                .flatMap(fresh -> mongo.insert(fresh)
                        .doOnNext(stored -> metrics.started(stored.state()))
                        .onErrorResume(DuplicateKeyException.class, e -> Mono.empty()));
    }

    private ResponseClock newClock(CollectedPost post, Instant received, SchoolRules rules, boolean excluded) {
        Instant due = rules.dueAt(rule, received);
        ClockState state = excluded ? ClockState.EXCLUDED : ClockState.OPEN;
        Instant next = ResponseClock.nextStep(state, received, due, properties.reminderOffsets(), List.of())
                .map(ResponseClock.Step::at).orElse(null);
        return new ResponseClock(UUID.randomUUID().toString(), post.id(), post.schoolId(), post.accountId(),
                post.platform(), post.kind(), post.platformPostId(), post.conversationId(), received, due, state,
                List.of(), List.of(), next, null, null, null, null, null, null, clock.instant(), 0);
    }

    /** What the SLA makes of an inbound item. */
    enum Judgement {
        /** A reply is due: start the clock. */
        CLOCK,
        /** Confident praise the school chose not to clock: an {@code EXCLUDED} clock, so it is not looked at again. */
        EXCLUDE,
        /** No clock at all: spam (not a moderation matter either), or written by the school's own account. */
        NONE
    }

    /**
     * Judges the post by its author and the verdict it came with: spam and the school account's own words get no
     * clock, confident praise an excluded one; without a verdict (no classifier in this service) a reply is due.
     */
    Mono<Judgement> judge(CollectedPost post, Verdict verdict, SchoolRules rules) {
        Mono<Boolean> own = post.authorId() == null || post.accountId() == null ? Mono.just(false)
                : accounts.account(post.accountId())
                        .map(account -> post.authorId().equals(account.platformAccountId())).defaultIfEmpty(false);
        return own.map(byTheSchool -> byTheSchool ? Judgement.NONE
                : verdict == null ? Judgement.CLOCK
                : isSpam(verdict) ? Judgement.NONE
                : rules.excludePraise() && isConfidentPraise(verdict, properties.praiseThreshold())
                        ? Judgement.EXCLUDE
                : Judgement.CLOCK);
    }

    /** Spam that is nothing worse: the moderation queue does not take it, and no reply is owed to it. */
    static boolean isSpam(Verdict verdict) {
        return !verdict.offensive() && !verdict.safeguarding() && !verdict.suspectedIllegal()
                && verdict.categories().stream().anyMatch(score -> score.name() == Category.SPAM);
    }

    /**
     * A stored post was edited on its platform: an open clock of a post that is now spam ends as excluded (no reply
     * is owed to spam); otherwise the clock runs on. Answers the clock as it now is, or empty when it has none.
     */
    Mono<ResponseClock> edited(PostEdited edit) {
        return mongo.findOne(Query.query(Criteria.where("postId").is(edit.postId()).and("state").is(ClockState.OPEN)),
                ResponseClock.class)
                .flatMap(open -> calendars.rules(open.schoolId()).flatMap(rules -> judge(edit.post(), edit.verdict(),
                        rules))
                        .flatMap(judged -> judged == Judgement.CLOCK ? Mono.just(open)
                                : mongo.findAndModify(unchanged(open), new Update().set("state", ClockState.EXCLUDED)
                                        .set("note", judged == Judgement.NONE ? "edited into spam on the platform"
                                                : "edited into praise on the platform")
                                        .set("nextActionAt", null).inc("version", 1),
                                        FindAndModifyOptions.options().returnNew(true), ResponseClock.class)));
    }

    static boolean isConfidentPraise(Verdict verdict, double threshold) {
        return verdict.intent() == Intent.PRAISE && verdict.intentScore() >= threshold && !verdict.offensive();
    }

    /**
     * Meets every open or breached clock of the account that the school's own post answers: same conversation, or
     * a reply to the item itself, posted after the item. Returns how many clocks it met.
     */
    Mono<Long> meetByReply(CollectedPost own) {
        if (own.kind() != PostKind.OWN_POST || own.accountId() == null) {
            return Mono.just(0L);
        }
        List<Criteria> answers = new ArrayList<>();
        if (own.conversationId() != null) {
            answers.add(Criteria.where("conversationId").is(own.conversationId()));
        }
        if (own.inReplyToId() != null) {
            answers.add(Criteria.where("platformPostId").is(own.inReplyToId()));
        }
        if (answers.isEmpty()) {
            return Mono.just(0L);
        }
        Instant replyAt = receivedAt(own);
        Mono<Long> onTime = meet(answeredBy(own, answers, replyAt).and("dueAt").gte(replyAt), own, replyAt, false);
        Mono<Long> late = meet(answeredBy(own, answers, replyAt).and("dueAt").lt(replyAt), own, replyAt, true);
        return onTime.zipWith(late, Long::sum);
    }

    private static Criteria answeredBy(CollectedPost own, List<Criteria> answers, Instant replyAt) {
        return new Criteria().andOperator(
                Criteria.where("accountId").is(own.accountId())
                        .and("state").in(ClockState.OPEN, ClockState.BREACHED)
                        .and("receivedAt").lte(replyAt),
                new Criteria().orOperator(answers));
    }

    private Mono<Long> meet(Criteria criteria, CollectedPost own, Instant replyAt, boolean late) {
        Update update = new Update().set("state", ClockState.MET).set("metAt", replyAt).set("metLate", late)
                .set("metBy", "reply").set("replyPostId", own.platformPostId()).set("nextActionAt", null)
                .inc("version", 1);
        return mongo.updateMulti(Query.query(criteria), update, ResponseClock.class)
                .map(result -> result.getModifiedCount())
                .doOnNext(count -> metrics.met(count, late));
    }

    /**
     * Marks a clock met by a person (the reply was made elsewhere). Empty when the clock was no longer open or
     * breached at the moment of the update.
     */
    public Mono<ResponseClock> acknowledge(ResponseClock current, String staffId, String note) {
        Instant now = clock.instant();
        boolean late = now.isAfter(current.dueAt());
        Update update = new Update().set("state", ClockState.MET).set("metAt", now).set("metLate", late)
                .set("metBy", staffId).set("note", note).set("nextActionAt", null).inc("version", 1);
        return mongo.findAndModify(unchanged(current), update, FindAndModifyOptions.options().returnNew(true),
                ResponseClock.class)
                .doOnNext(met -> metrics.met(1, late));
    }

    /**
     * The clock exactly as it was read: the compare-and-set precondition of every single-clock change. Its keys are
     * exactly those of the {@code _id, state, version} unique index, so even the embedded store (which uses an index
     * only for a query on all of its keys and nothing else) finds the clock through it instead of scanning.
     */
    static Query unchanged(ResponseClock read) {
        return Query.query(Criteria.where("_id").is(read.id()).and("state").is(read.state())
                .and("version").is(read.version()));
    }

    /**
     * One page of clocks, soonest due (or longest overdue) first; {@code schoolId}, {@code state} and
     * {@code accountId} narrow it when not {@code null}.
     */
    Mono<PageResponse<ResponseClock>> page(String schoolId, ClockState state, String accountId, int page, int size) {
        return PagedQuery.everything().is("schoolId", schoolId).is("state", state).is("accountId", accountId)
                .page(mongo, ResponseClock.class, Sort.by("dueAt", "_id"), page, size);
    }

    Mono<ResponseClock> clock(String id) {
        return mongo.findById(id, ResponseClock.class);
    }

    private static Instant receivedAt(CollectedPost post) {
        return post.postedAt() != null ? post.postedAt() : post.collectedAt();
    }
}
