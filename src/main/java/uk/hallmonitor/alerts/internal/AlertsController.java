package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.FeedEvent;
import uk.hallmonitor.alerts.FeedReplay;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/** The alerts sent, the live feed, and each school's alerting rules and their test message. */
@RestController
@RequestMapping("/api/v1")
record AlertsController(MongoAlertStore alerts, FeedChannel feed, SettingsStore settings, OutboundPolicy outbound,
                        ObjectProvider<FeedReplay> replays, TestAlerts testAlerts) {

    /** Who reads the alerts sent: the moderation queue's readers. */
    private static final Role[] READERS = {Role.MODERATOR, Role.SLT, Role.DSL, Role.ADMIN};
    /** Who reads the feed: the queue's readers, and the people on the safeguarding ladder. */
    private static final Role[] FEED_READERS = {Role.MODERATOR, Role.SLT, Role.DSL, Role.DEPUTY_DSL,
            Role.HEADTEACHER, Role.ADMIN};
    /** How often a connected feed also looks for entries another instance dispatched. */
    private static final Duration FEED_POLL = Duration.ofSeconds(5);

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
            return SchoolScopedPages.forReaders(caller, schoolId, READERS, "alerts are for moderators, SLT and the DSL",
                    school -> alerts.page(school, wantedState, wantedChannel, postId == null ? null : "post:" + postId,
                            page, size)
                            .map(found -> found.withItems(found.items().stream().map(AlertView::of).toList())));
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
    Flux<ServerSentEvent<FeedEvent>> feed(@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
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
                        : Flux.fromStream(replays.orderedStream()).concatMap(source -> source.sources(school))
                                .collectList()
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
                        .map(alert -> ServerSentEvent.builder(alert.feedEvent())
                                .id(String.valueOf(alert.feedSeq())).event("alert").build());
            });
            // a comment now and then keeps proxies from closing a quiet stream
            Flux<ServerSentEvent<FeedEvent>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                    .map(tick -> ServerSentEvent.<FeedEvent>builder().comment("keep-alive").build());
            return Flux.merge(Flux.just(ServerSentEvent.<FeedEvent>builder().comment("connected").build()),
                    events, heartbeat);
        });
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
