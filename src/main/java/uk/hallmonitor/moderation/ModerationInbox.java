package uk.hallmonitor.moderation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertFeed;
import uk.hallmonitor.alerts.FeedEvent;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.internal.ActionRequest;
import uk.hallmonitor.moderation.internal.ModerationQueue;
import uk.hallmonitor.moderation.internal.PostVerdict;
import uk.hallmonitor.moderation.internal.PostView;
import uk.hallmonitor.moderation.internal.QueueStatus;
import uk.hallmonitor.moderation.internal.ReplyTemplates;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.sla.SlaBoard;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.PagedQuery;
import uk.hallmonitor.system.web.Problems;

/**
 * The moderation queue as the inbox page reads it: flagged posts filtered by account, severity, category, status and
 * due time, a post with its conversation, the actions (through {@link ModerationQueue}, the same code as the API),
 * the reply templates and the live feed.
 */
@Component
public class ModerationInbox {

    /** The due-time filter's choices: how far ahead a reply is due (overdue: already past). */
    public enum Due {
        OVERDUE(Duration.ZERO), HOUR(Duration.ofHours(1)), FOUR_HOURS(Duration.ofHours(4)), DAY(Duration.ofDays(1));

        final Duration within;

        Due(Duration within) {
            this.within = within;
        }
    }

    /**
     * What the inbox shows; every field may be {@code null} (no filter). {@code status} defaults to open posts.
     *
     * @param accountId the school account
     * @param severity  LOW..CRITICAL
     * @param category  one of the classifier's categories
     * @param status    OPEN, DISMISSED, ACTIONED or ESCALATED
     * @param due       how soon the reply is due
     */
    public record Filter(String accountId, Severity severity, Category category, QueueStatus status, Due due) {
    }

    /** A reply template, with the school's name filled in. */
    public record Template(String id, String audience, String title, String policy, String text) {
    }

    /** One post of the conversation a flagged post belongs to. */
    public record ConversationPost(String id, String authorHandle, String text, Instant postedAt, boolean thisPost) {
    }

    private final ReactiveMongoTemplate mongo;
    private final ModerationQueue queue;
    private final ObjectProvider<Posts> posts;
    private final SlaBoard sla;
    private final AlertFeed feed;
    private final Clock clock;

    ModerationInbox(ReactiveMongoTemplate mongo, ModerationQueue queue, ObjectProvider<Posts> posts,
                    SlaBoard sla, AlertFeed feed, Clock clock) {
        this.mongo = mongo;
        this.queue = queue;
        this.posts = posts;
        this.sla = sla;
        this.feed = feed;
        this.clock = clock;
    }

    /** Whether the caller works the queue of the school (moderators, SLT, the DSL, administrators). */
    public static boolean reads(Caller caller, String schoolId) {
        return caller.hasAnyIn(schoolId, ModerationQueue.READERS);
    }

    /** One page of the school's flagged posts, newest first. */
    public Mono<PageResponse<PostView>> page(Caller caller, String schoolId, Filter filter, int page, int size) {
        if (schoolId == null || !caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", String.valueOf(schoolId)));
        }
        if (!reads(caller, schoolId)) {
            return Mono.error(Problems.forbidden("the moderation queue is for moderators, SLT and the DSL"));
        }
        Criteria base = PagedQuery.matching(where("schoolId").is(schoolId).and("flagged").is(true))
                .is("accountId", filter.accountId()).is("severity", filter.severity())
                .is("categories.name", filter.category())
                .is("status", filter.status() == null ? QueueStatus.OPEN : filter.status()).criteria();
        Mono<Criteria> selection = filter.due() == null ? Mono.just(base)
                : sla.postsDueBefore(schoolId, clock.instant().plus(filter.due().within)).collectList()
                        .map(ids -> base.and("_id").in(ids));
        return selection.flatMap(chosen -> {
            return PagedQuery.matching(chosen)
                    .page(mongo, PostVerdict.class, PagedQuery.newestFirst("collectedAt"), page, size)
                    .flatMap(found -> queue.views(found.items()).map(found::withItems))
                    // who looked (R11): the inbox shows the posts' words
                    .flatMap(response -> queue.viewedList(caller, schoolId, response.items()).thenReturn(response));
        });
    }

    /**
     * The school's newest posts the classifier did not flag, for a moderator to report one it missed; the same
     * readers as the queue.
     */
    public Mono<List<PostView>> notFlagged(Caller caller, String schoolId, int size) {
        if (schoolId == null || !caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", String.valueOf(schoolId)));
        }
        if (!reads(caller, schoolId)) {
            return Mono.error(Problems.forbidden("reporting a missed post is for moderators, SLT and the DSL"));
        }
        Query recent = query(where("schoolId").is(schoolId).and("flagged").is(false))
                .with(Sort.by(Sort.Direction.DESC, "collectedAt").and(Sort.by("_id"))).limit(size);
        return mongo.find(recent, PostVerdict.class).collectList().flatMap(queue::views);
    }

    /** How many flagged posts of the school wait for a moderator. */
    public Mono<Long> openCount(String schoolId, List<String> accountIds) {
        Criteria criteria = where("schoolId").is(schoolId).and("flagged").is(true).and("status")
                .is(QueueStatus.OPEN);
        if (accountIds != null) {
            criteria = criteria.and("accountId").in(accountIds);
        }
        return mongo.count(query(criteria), PostVerdict.class);
    }

    public Mono<PostView> one(Caller caller, String postId) {
        return queue.one(caller, postId);
    }

    /** Carries out a moderator's action exactly as {@code POST /api/v1/posts/{id}/actions} does. */
    public Mono<PostView> act(Caller caller, String postId, ActionRequest request) {
        return queue.act(caller, postId, request);
    }

    /**
     * The conversation the post belongs to, oldest first (the post alone when it has none); nothing for a sealed
     * post, whose words are never shown.
     */
    public Flux<ConversationPost> conversation(PostView post) {
        Posts store = posts.getIfAvailable();
        if (post.sealed() || store == null) {
            return Flux.empty();
        }
        return store.post(post.id()).flatMapMany(found -> found.conversationId() == null ? Flux.just(found)
                : store.conversation(found.platform(), found.conversationId()).take(50))
                .map(item -> new ConversationPost(item.id(), item.authorHandle(), item.text(), item.postedAt(),
                        item.id().equals(post.id())));
    }

    public List<Template> templates(String schoolName) {
        return ReplyTemplates.ALL.stream().map(t -> new Template(t.id(), t.audience(), t.title(), t.policy(),
                t.text().replace("{school}", schoolName == null ? "" : schoolName))).toList();
    }

    public Optional<Template> template(String id, String schoolName) {
        return templates(schoolName).stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The posts flagged from now on at schools the caller can see: their post ids, for the inbox to fetch. */
    public Flux<String> flaggedLive(Caller caller) {
        return feed.events().filter(event -> caller.canSee(event.schoolId()) && reads(caller, event.schoolId()))
                .map(FeedEvent::source)
                .filter(source -> source != null && source.startsWith("post:"))
                .map(source -> source.substring("post:".length()));
    }

    /** Parses a filter value: {@code null} when blank, the enum when it names one, an error naming the field. */
    public static <E extends Enum<E>> E choice(String value, Class<E> type, String field, String plain,
                                               List<Problems.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.add(new Problems.FieldError(field, "choose a " + plain + " from the list"));
            return null;
        }
    }
}
