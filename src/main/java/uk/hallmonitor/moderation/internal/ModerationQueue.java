package uk.hallmonitor.moderation.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.audit.DataAccessLog;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.moderation.IncidentDesk;
import uk.hallmonitor.moderation.IncidentRequest;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.sla.PostClock;
import uk.hallmonitor.sla.PostClocks;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * The moderation queue: flagged posts for the people of their school, and the actions taken on them. An action is
 * first recorded with an atomic precondition on the item's version (two moderators at once: one wins, the other
 * gets 409), then carried out (on the platform where the connector can) and its outcome written back.
 */
@Component
public record ModerationQueue(VerdictStore verdicts, ObjectProvider<Posts> postStore, IncidentDesk incidents,
                       ClassifierFeedback feedback, AccountRegister accounts,
                       ObjectProvider<PlatformConnector> connectors, AuditTrail audit, DataAccessLog access,
                       PostClocks clocks, Clock clock) {

    /** Longest note or audience message kept with an action. */
    static final int MAX_TEXT = 2_000;
    public static final Role[] READERS = {Role.MODERATOR, Role.SLT, Role.DSL, Role.ADMIN};
    private static final Duration PLATFORM_TIMEOUT = Duration.ofSeconds(15);

    Mono<PageResponse<PostView>> page(Caller caller, String schoolId, Boolean flagged, String accountId,
                                      String category, String status, String severity, int page, int size) {
        List<Problems.FieldError> errors = new ArrayList<>();
        String categoryName = parse(category, Category.class, "category", errors);
        String statusName = parse(status, QueueStatus.class, "status", errors);
        String severityName = parse(severity, Severity.class, "severity", errors);
        errors.addAll(Paging.errors(page, size));
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        return SchoolScopedPages.forReaders(caller, schoolId, READERS,
                "the moderation queue is for moderators, SLT and the DSL", school -> verdicts.page(school, flagged,
                        accountId, categoryName, statusName == null ? null : QueueStatus.valueOf(statusName),
                        severityName == null ? null : Severity.valueOf(severityName), page, size)
                        .flatMap(found -> views(found.items())
                                .flatMap(items -> viewedList(caller, school, items).thenReturn(items))
                                .map(found::withItems)));
    }

    public Mono<PostView> one(Caller caller, String postId) {
        // who looked (R11): reading a post's words, or a sealed item's metadata, is in the audit trail
        return visible(caller, postId).flatMap(this::view)
                .flatMap(view -> access
                        .viewed(caller.username(), view.schoolId(), view.sealed() ? "sealed-item" : "post",
                                view.id(), subjects(List.of(view)))
                        .thenReturn(view));
    }

    /** One entry for a page of the queue, naming everyone whose words it showed. */
    public Mono<Void> viewedList(Caller caller, String school, List<PostView> items) {
        List<String> subjects = subjects(items);
        return subjects.isEmpty() ? Mono.empty() : access.viewed(caller.username(), school, "post-list",
                items.stream().map(PostView::id).collect(java.util.stream.Collectors.joining(",")), subjects);
    }

    private static List<String> subjects(List<PostView> views) {
        return views.stream().filter(v -> !v.sealed() && v.authorHandle() != null && v.text() != null)
                .map(v -> DataAccessLog.handle(v.platform().name(), v.authorHandle())).distinct().toList();
    }

    public Mono<PostView> act(Caller caller, String postId, ActionRequest request) {
        ModerationAction action;
        try {
            action = validate(request);
        } catch (org.springframework.web.ErrorResponseException invalid) {
            return Mono.error(invalid);
        }
        // visible() lets through the school's moderators, SLT, DSL and administrators and the account's runners
        return visible(caller, postId).flatMap(verdict -> {
            if (!verdict.flagged()) {
                return Mono.error(Problems.conflict("post " + postId + " was not flagged, so it is not in the "
                        + "moderation queue"));
            }
            long expected;
            if (request.version() != null) {
                expected = request.version();
            } else if (verdict.status() == QueueStatus.OPEN) {
                expected = verdict.version();
            } else {
                ActionRecord last = verdict.actions().isEmpty() ? null
                        : verdict.actions().get(verdict.actions().size() - 1);
                return Mono.error(Problems.conflict("post " + postId + " is already " + verdict.status()
                        + (last == null ? "" : " by " + last.actor() + " at " + last.at())
                        + "; to act on it again send the version you saw",
                        List.of("current version is " + verdict.version())));
            }
            ActionRecord recorded = new ActionRecord(action, "PENDING", null, request.note().strip(),
                    blankToNull(request.audienceInformed()), caller.username(), caller.staffId(), clock.instant(),
                    null);
            int index = verdict.actions().size();
            return verdicts.act(postId, expected, recorded, QueueStatus.after(action))
                    .switchIfEmpty(Mono.defer(() -> verdicts.find(postId).flatMap(now -> Mono.error(
                            Problems.conflict("another moderator acted on post " + postId + " first",
                                    List.of("it is now " + now.status() + " at version " + now.version()))))))
                    .flatMap(claimed -> carryOut(claimed, recorded, request))
                    .flatMap(settled -> verdicts.settleAction(postId, index, settled))
                    .flatMap(after -> endClock(after.actions().get(index), postId, caller.staffId()).thenReturn(after))
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(),
                            "moderation.action." + action.name().toLowerCase(Locale.ROOT),
                            after.schoolId(), "post", postId, Map.of("status", verdict.status().name()),
                            Map.of("status", after.status().name(), "action", action.name(),
                                    "outcome", after.actions().get(index).outcome())))
                            .thenReturn(after))
                    .flatMap(this::view);
        });
    }

    private Mono<ActionRecord> carryOut(PostVerdict verdict, ActionRecord recorded, ActionRequest request) {
        boolean gone = Boolean.TRUE.equals(request.postGone());
        return switch (recorded.action()) {
            case ESCALATE -> incidents.open(new IncidentRequest("post:" + verdict.postId() + ":escalated",
                    verdict.schoolId(), verdict.categories().isEmpty() ? "OTHER"
                            : verdict.categories().get(0).name().name(),
                    verdict.severity().name(),
                    List.of(verdict.postId()), recorded.actor(), recorded.note()))
                    .map(number -> settled(recorded, "RECORDED", "incident " + number + " opened", number));
            case DISMISS -> dismiss(verdict, recorded);
            case HIDE -> gone ? Mono.just(settled(recorded, "POST_GONE", "already deleted on the platform", null))
                    : onPlatform(verdict, recorded, OnPlatform.HIDE, null);
            case DELETE -> gone ? Mono.just(settled(recorded, "POST_GONE", "already deleted on the platform", null))
                    : onPlatform(verdict, recorded, OnPlatform.DELETE, null);
            case REPLY -> gone ? Mono.just(settled(recorded, "POST_GONE", "deleted on the platform: nothing to"
                    + " answer", null)) : onPlatform(verdict, recorded, OnPlatform.REPLY, request.replyText().strip());
            default -> Mono.just(gone
                    ? settled(recorded, "POST_GONE", "already deleted on the platform before the moderator acted",
                            null)
                    : settled(recorded, "BY_HAND", "done on the platform by the moderator", null));
        };
    }

    /**
     * A comment hidden or deleted (on the platform or by hand), or found already gone, needs no reply: its response
     * clock ends as handled without a reply. A hide or delete the platform refused leaves the clock running; a reply
     * stops the clock when polling brings the school's answer in, as any reply does.
     */
    private Mono<Void> endClock(ActionRecord done, String postId, String staffId) {
        String how;
        if ("POST_GONE".equals(done.outcome())) {
            how = "deleted on the platform";
        } else if (done.action() == ModerationAction.HIDE && !"PLATFORM_FAILED".equals(done.outcome())) {
            how = "hidden";
        } else if (done.action() == ModerationAction.DELETE && !"PLATFORM_FAILED".equals(done.outcome())) {
            how = "deleted";
        } else {
            return Mono.empty();
        }
        return clocks.handledWithoutReply(postId, how, staffId).then();
    }

    private Mono<ActionRecord> dismiss(PostVerdict verdict, ActionRecord recorded) {
        if (verdict.suspectedIllegal()) {
            // a sealed text is never written out again, not even as a training example
            return Mono.just(settled(recorded, "RECORDED", "dismissed; sealed content kept out of feedback", null));
        }
        return post(verdict.postId())
                .flatMap(post -> feedback.record(new ClassifierFeedback.Example(verdict.postId(), post.text(),
                        "clean", verdict.categoryNames(), verdict.modelVersion(), recorded.actor(), recorded.at())))
                .thenReturn(settled(recorded, "RECORDED", "dismissed as a false positive; kept as feedback for "
                        + "the classifier", null));
    }

    /** What the queue can have a connector do on the platform, with the words for each outcome. */
    enum OnPlatform {
        HIDE(Capability.HIDE_REPLY, "hidden", "hide it", "replies cannot be hidden from here"),
        DELETE(Capability.DELETE_REPLY, "deleted", "delete it", "posts cannot be deleted from here"),
        REPLY(Capability.REPLY, "answered", "post the reply", "posts cannot be answered from here");

        final Capability capability;
        final String done;
        final String byHand;
        final String cannot;

        OnPlatform(Capability capability, String done, String byHand, String cannot) {
            this.capability = capability;
            this.done = done;
            this.byHand = byHand;
            this.cannot = cannot;
        }
    }

    /**
     * Carries the action out through the account's connector where it can ({@code ON_PLATFORM}); where it cannot,
     * or the platform refuses, the outcome says so and what the moderator must do by hand.
     */
    private Mono<ActionRecord> onPlatform(PostVerdict verdict, ActionRecord recorded, OnPlatform what,
                                          String replyText) {
        PlatformConnector connector = connectors.orderedStream()
                .filter(c -> c.platform() == verdict.platform() && c.capabilities().contains(what.capability))
                .findFirst().orElse(null);
        if (connector == null || verdict.accountId() == null) {
            return Mono.just(settled(recorded, "BY_HAND", verdict.platform() + " " + what.cannot + ": "
                    + what.byHand + " on the platform", null));
        }
        return accounts.account(verdict.accountId())
                .flatMap(account -> {
                    Source source = new Source(account.id(), account.schoolId(), account.platform(),
                            account.platformAccountId(), account.handle(), List.of(), account.connection(), 0);
                    Mono<String> done = switch (what) {
                        case HIDE -> connector.hideReply(source, verdict.platformPostId()).thenReturn("");
                        case DELETE -> connector.deleteReply(source, verdict.platformPostId()).thenReturn("");
                        case REPLY -> connector.reply(source, verdict.platformPostId(), replyText)
                                .map(id -> " (reply " + id + ")").defaultIfEmpty("");
                    };
                    return done.timeout(PLATFORM_TIMEOUT).map(suffix -> settled(recorded, "ON_PLATFORM",
                            what.done + " on " + verdict.platform() + suffix, null));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> settled(recorded, "BY_HAND",
                        "the account is no longer registered: " + what.byHand + " on the platform", null)))
                .onErrorResume(error -> Mono.just(platformFailure(recorded, error, what)));
    }

    static ActionRecord platformFailure(ActionRecord recorded, Throwable error) {
        return platformFailure(recorded, error, OnPlatform.HIDE);
    }

    static ActionRecord platformFailure(ActionRecord recorded, Throwable error, OnPlatform what) {
        String message = String.valueOf(error.getMessage());
        // decided by what the connector says, never by the message's words: an id in it can hold "404"
        if (error instanceof ConnectorException refused && refused.kind() == ConnectorException.Kind.UNSUPPORTED) {
            return settled(recorded, "BY_HAND", message + ": " + what.byHand + " on the platform", null);
        }
        if (error instanceof ConnectorException refused && refused.notFoundOnPlatform()) {
            return settled(recorded, "POST_GONE", "the platform says the post no longer exists: " + message, null);
        }
        return settled(recorded, "PLATFORM_FAILED", "the platform did not " + what.byHand + " (" + message
                + "): " + what.byHand + " by hand", null);
    }

    private static ActionRecord settled(ActionRecord recorded, String outcome, String detail, String incident) {
        return new ActionRecord(recorded.action(), outcome, detail, recorded.note(), recorded.audienceInformed(),
                recorded.actor(), recorded.staffId(), recorded.at(), incident);
    }

    private Mono<PostVerdict> visible(Caller caller, String postId) {
        return verdicts.find(postId)
                .transform(SchoolScopedPages.visibleTo(caller, PostVerdict::schoolId, "post", postId))
                .flatMap(verdict -> works(caller, verdict).flatMap(allowed -> allowed ? Mono.just(verdict)
                        : Mono.error(Problems.forbidden("a flagged post is for moderators, SLT, the DSL and the "
                                + "runners of its account"))));
    }

    /**
     * Whether the caller may see and act on this post: moderators, SLT, the DSL and administrators of its school, and
     * the staff who run the account it was posted to.
     */
    private Mono<Boolean> works(Caller caller, PostVerdict verdict) {
        if (caller.hasAnyIn(verdict.schoolId(), READERS)) {
            return Mono.just(true);
        }
        if (verdict.accountId() == null || caller.staffId() == null) {
            return Mono.just(false);
        }
        return accounts.account(verdict.accountId())
                .map(account -> verdict.schoolId().equals(account.schoolId())
                        && account.runnerIds().contains(caller.staffId()))
                .defaultIfEmpty(false);
    }

    /**
     * The views of a page of verdicts, in their order: the posts and the clocks are read with one query each (by
     * id, {@code $in}), not one per row. Sealed posts' texts are never read.
     */
    public Mono<List<PostView>> views(List<PostVerdict> page) {
        if (page.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> ids = page.stream().map(PostVerdict::postId).toList();
        List<String> readable = page.stream().filter(verdict -> !verdict.suspectedIllegal())
                .map(PostVerdict::postId).toList();
        Posts posts = postStore.getIfAvailable();
        Mono<Map<String, CollectedPost>> texts = posts == null || readable.isEmpty() ? Mono.just(Map.of())
                : posts.posts(readable).collectMap(CollectedPost::id);
        return Mono.zip(texts, clocks.forPosts(ids)).map(found -> page.stream()
                .map(verdict -> PostView.of(verdict, verdict.suspectedIllegal() ? null
                        : found.getT1().get(verdict.postId()), found.getT2().get(verdict.postId())))
                .toList());
    }

    private Mono<PostView> view(PostVerdict verdict) {
        Mono<Optional<CollectedPost>> post = verdict.suspectedIllegal() ? Mono.just(Optional.empty())
                : post(verdict.postId()).map(Optional::of).defaultIfEmpty(Optional.empty());
        Mono<Optional<PostClock>> clock = clocks.forPost(verdict.postId()).map(Optional::of)
                .defaultIfEmpty(Optional.empty());
        return Mono.zip(post, clock)
                .map(found -> PostView.of(verdict, found.getT1().orElse(null), found.getT2().orElse(null)));
    }

    private Mono<CollectedPost> post(String postId) {
        Posts posts = postStore.getIfAvailable();
        return posts == null ? Mono.empty() : posts.post(postId);
    }

    static ModerationAction validate(ActionRequest request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        ModerationAction action = null;
        if (request == null) {
            throw Problems.badRequest("action", "send {action, note, audienceInformed?}");
        }
        if (request.action() == null || request.action().isBlank()) {
            errors.add(new Problems.FieldError("action", "name an action: " + names(ModerationAction.class)));
        } else {
            try {
                action = ModerationAction.valueOf(request.action().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new Problems.FieldError("action", "unknown action '" + request.action() + "'; use one of "
                        + names(ModerationAction.class)));
            }
        }
        if (request.note() == null || request.note().isBlank()) {
            errors.add(new Problems.FieldError("note", "say why, for the record"));
        } else if (request.note().length() > MAX_TEXT) {
            errors.add(new Problems.FieldError("note", "at most 2,000 characters (" + request.note().length()
                    + " sent)"));
        }
        if (request.audienceInformed() != null && request.audienceInformed().length() > MAX_TEXT) {
            errors.add(new Problems.FieldError("audienceInformed", "at most 2,000 characters"));
        }
        if (action == ModerationAction.REPLY) {
            if (request.replyText() == null || request.replyText().isBlank()) {
                errors.add(new Problems.FieldError("replyText", "a REPLY needs the words to post as the school"));
            } else if (request.replyText().length() > MAX_TEXT) {
                errors.add(new Problems.FieldError("replyText", "at most 2,000 characters ("
                        + request.replyText().length() + " sent)"));
            }
        } else if (request.replyText() != null) {
            errors.add(new Problems.FieldError("replyText", "only a REPLY posts words; leave replyText out or use"
                    + " action REPLY"));
        }
        if (request.version() != null && request.version() < 0) {
            errors.add(new Problems.FieldError("version", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return action;
    }

    private static <E extends Enum<E>> String parse(String value, Class<E> type, String field,
                                                    List<Problems.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException unknown) {
            errors.add(new Problems.FieldError(field, "unknown " + field + " '" + value + "'; use one of "
                    + names(type)));
            return null;
        }
    }

    private static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
