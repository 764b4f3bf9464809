package uk.hallmonitor.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** The moderation queue, its actions, the alerts sent, the live feed, reply templates and per-school rules. */
@RestController
@RequestMapping("/api/v1")
class ModerationController {

    /** Who reads the feed: the queue's readers, and the people on the safeguarding ladder. */
    private static final Role[] FEED_READERS = {Role.MODERATOR, Role.SLT, Role.DSL, Role.DEPUTY_DSL,
            Role.HEADTEACHER, Role.ADMIN};
    /** How often a connected feed also looks for entries another instance dispatched. */
    private static final Duration FEED_POLL = Duration.ofSeconds(5);

    private final ModerationQueue queue;
    private final MongoAlertStore alerts;
    private final FeedChannel feed;
    private final SettingsStore settings;
    private final OutboundPolicy outbound;
    private final SafeguardingStore safeguarding;
    private final TestAlerts testAlerts;

    ModerationController(ModerationQueue queue, MongoAlertStore alerts, FeedChannel feed, SettingsStore settings,
                         OutboundPolicy outbound, SafeguardingStore safeguarding, TestAlerts testAlerts) {
        this.outbound = outbound;
        this.safeguarding = safeguarding;
        this.testAlerts = testAlerts;
        this.queue = queue;
        this.alerts = alerts;
        this.feed = feed;
        this.settings = settings;
    }

    @GetMapping("/posts")
    Mono<PageResponse<PostView>> posts(@RequestParam(required = false) String schoolId,
                                       @RequestParam(required = false) Boolean flagged,
                                       @RequestParam(required = false) String accountId,
                                       @RequestParam(required = false) String category,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String severity,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> queue.page(caller, schoolId, flagged, accountId, category, status,
                severity, page, size));
    }

    @GetMapping("/posts/{id}")
    Mono<PostView> post(@PathVariable String id) {
        return Callers.current().flatMap(caller -> queue.one(caller, id));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Act on a flagged post",
            description = "action is DISMISS, HIDE, DELETE, BLOCK_AUTHOR, REPORT, ESCALATE or REPLY; note is required."
                    + " HIDE, DELETE and REPLY are carried out through the account's connector where the platform"
                    + " allows it (Facebook, Instagram, YouTube; X hides only): the action's outcome is ON_PLATFORM,"
                    + " PLATFORM_FAILED (do it by hand; a refused hide or delete leaves the response clock running),"
                    + " POST_GONE, or BY_HAND where no connector can. On YouTube DELETE rejects the comment (a channel"
                    + " may delete only its own). REPLY needs replyText (at most 2,000 characters), posted as the"
                    + " school; replyText with any other action is a 400 naming replyText.")
    @PostMapping("/posts/{id}/actions")
    Mono<PostView> act(@PathVariable String id, @RequestBody(required = false) ActionRequest request) {
        return Callers.current().flatMap(caller -> queue.act(caller, id, request));
    }

    @GetMapping("/alerts")
    Mono<PageResponse<AlertView>> alerts(@RequestParam(required = false) String schoolId,
                                         @RequestParam(required = false) String state,
                                         @RequestParam(required = false) String channel,
                                         @RequestParam(required = false) String postId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> {
            AlertState wantedState;
            Channel wantedChannel;
            try {
                wantedState = state == null ? null : AlertState.valueOf(state.strip().toUpperCase());
            } catch (IllegalArgumentException unknown) {
                return Mono.error(Problems.badRequest("state", "unknown state '" + state + "'"));
            }
            try {
                wantedChannel = channel == null ? null : Channel.valueOf(channel.strip().toUpperCase());
            } catch (IllegalArgumentException unknown) {
                return Mono.error(Problems.badRequest("channel", "unknown channel '" + channel
                        + "'; use EMAIL, TEAMS, SLACK or FEED"));
            }
            Paging.of(page, size);
            String school = schoolId != null ? schoolId : caller.isAdmin() ? null : caller.schoolId();
            if (school != null && !caller.canSee(school)) {
                return Mono.error(Problems.notFound("school", school));
            }
            if (school != null && !caller.hasAnyIn(school, ModerationQueue.READERS)) {
                return Mono.error(Problems.forbidden("alerts are for moderators, SLT and the DSL"));
            }
            return alerts.page(school, wantedState, wantedChannel, postId == null ? null : "post:" + postId, page,
                            size)
                    .map(found -> new PageResponse<>(found.items().stream().map(AlertView::of).toList(),
                            found.page(), found.size(), found.total()));
        });
    }

    /**
     * The live feed. On connect it first sends the caller's unacknowledged safeguarding alerts (their feed entries,
     * oldest first), then every new feed entry of the caller's school; each event's id is its place in the feed, so a
     * client that reconnects with {@code Last-Event-ID} is sent exactly the entries after it (and no replay). Entries
     * are read from the outbox in feed order whenever this instance dispatches one, and every few seconds for the
     * entries other instances dispatched.
     */
    @GetMapping(value = "/moderation/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<FeedEvent>> feed(@RequestHeader(name = "Last-Event-ID", required = false)
                                          String lastEventId) {
        Long resumeAfter;
        try {
            resumeAfter = lastEventId == null || lastEventId.isBlank() ? null : Long.parseLong(lastEventId.strip());
        } catch (NumberFormatException notOurs) {
            return Flux.error(Problems.badRequest("Last-Event-ID", "send the id of the last event received (a "
                    + "number), or no Last-Event-ID to start afresh"));
        }
        return Callers.current().flatMapMany(caller -> {
            if (!caller.isAdmin() && !caller.hasAnyIn(caller.schoolId(), FEED_READERS)) {
                return Flux.error(Problems.forbidden("the live feed is for moderators, SLT and the DSL"));
            }
            String school = caller.isAdmin() ? null : caller.schoolId();
            Mono<Long> start = resumeAfter != null ? Mono.just(resumeAfter) : alerts.lastFeedSeq(school);
            Flux<ServerSentEvent<FeedEvent>> events = start.flatMapMany(from -> {
                Flux<Alert> replay = resumeAfter != null ? Flux.empty()
                        : safeguarding.unacknowledged(school).flatMapIterable(SafeguardingAlert::sources).collectList()
                                .flatMapMany(sources -> alerts.feedOf(sources, from));
                java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong(from);
                Flux<Object> wakeUps = Flux.merge(Flux.just((Object) "connected"),
                                feed.events().filter(event -> caller.canSee(event.schoolId())),
                                Flux.interval(FEED_POLL, FEED_POLL))
                        .onBackpressureLatest();
                Flux<Alert> live = wakeUps.concatMap(wake -> alerts.feedAfter(school, seen.get(), 500)
                        .doOnNext(alert -> seen.accumulateAndGet(alert.feedSeq(), Math::max)), 1);
                return Flux.concat(replay, live)
                        .filter(alert -> caller.canSee(alert.schoolId()))
                        .map(alert -> ServerSentEvent.builder(FeedEvent.of(alert))
                                .id(String.valueOf(alert.feedSeq())).event("alert").build());
            });
            // a comment now and then keeps proxies from closing a quiet stream
            Flux<ServerSentEvent<FeedEvent>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                    .map(tick -> ServerSentEvent.<FeedEvent>builder().comment("keep-alive").build());
            return Flux.merge(Flux.just(ServerSentEvent.<FeedEvent>builder().comment("connected").build()),
                    events, heartbeat);
        });
    }

    @GetMapping("/moderation/templates")
    Mono<List<ReplyTemplate>> templates() {
        return Callers.current().thenReturn(ReplyTemplates.ALL);
    }

    @GetMapping("/moderation/settings/{schoolId}")
    Mono<SettingsView> settings(@PathVariable String schoolId) {
        return Callers.current().flatMap(caller -> {
            if (!caller.canSee(schoolId)) {
                return Mono.error(Problems.notFound("school", schoolId));
            }
            if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL, Role.MODERATOR)) {
                return Mono.error(Problems.forbidden("moderation settings are for ADMIN, SLT, DSL, moderators"));
            }
            return settings.of(schoolId).map(SettingsView::of);
        });
    }

    @PutMapping("/moderation/settings/{schoolId}")
    Mono<SettingsView> saveSettings(@PathVariable String schoolId, @RequestBody SettingsRequest request) {
        return Callers.current().flatMap(caller -> {
            if (!caller.canSee(schoolId)) {
                return Mono.error(Problems.notFound("school", schoolId));
            }
            if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("only ADMIN or SLT change the school's alert rules"));
            }
            return request.toSettings(schoolId, outbound).flatMap(settings::save).map(SettingsView::of);
        });
    }

    /** Sends one test message over each channel the school has set up and says how each fared. */
    @PostMapping("/moderation/settings/{schoolId}/test-alert")
    Mono<Map<String, List<TestAlerts.Result>>> testAlert(@PathVariable String schoolId) {
        return Callers.current().flatMap(caller -> testAlerts.send(caller, schoolId))
                .map(results -> Map.of("results", results));
    }
}
