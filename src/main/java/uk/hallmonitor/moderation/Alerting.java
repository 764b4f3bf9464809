package uk.hallmonitor.moderation;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Role;

/**
 * Turns flagged posts and other modules' notices into outbox alerts: routes them, writes their text, records every
 * alert (the unique dedup key drops repeats) and wakes the dispatcher for the ones this call recorded.
 */
@Component
class Alerting implements Notices {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final int RECORD_BATCH = 128;
    private static final Duration RECORD_WAIT = Duration.ofMillis(5);

    private final AlertStore store;
    private final AlertDispatcher dispatcher;
    private final SettingsStore settings;
    private final SchoolDirectory directory;
    private final AccountRegister accounts;
    private final SafeguardingStore safeguarding;
    private final IncidentDesk incidents;
    private final ModerationProperties properties;
    private final Clock clock;
    private final Map<String, Mono<People>> people = new ConcurrentHashMap<>();
    private final Sinks.Many<Recording> recordings = Sinks.many().unicast().onBackpressureBuffer();

    /** The alerts of one source waiting to be recorded, and where to say which of them this call recorded. */
    private record Recording(List<Alert> alerts, Sinks.One<List<Alert>> recorded) {
    }

    /** The school's time zone, the account (if any) and the people who may be told of a post on it. */
    private record People(ZoneId zone, Optional<SchoolAccount> account, Audience audience) {
    }

    Alerting(AlertStore store, AlertDispatcher dispatcher, SettingsStore settings, SchoolDirectory directory,
             AccountRegister accounts, SafeguardingStore safeguarding, IncidentDesk incidents,
             ModerationProperties properties, Clock clock) {
        this.safeguarding = safeguarding;
        this.incidents = incidents;
        this.store = store;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.directory = directory;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        // lives as long as this bean; recordTogether never fails, so the stream never ends
        recordings.asFlux().bufferTimeout(RECORD_BATCH, RECORD_WAIT, true).concatMap(this::recordTogether).subscribe();
        // an alert its channel could not deliver is tried on the recipient's next channel (never fails: logged)
        dispatcher.failures().concatMap(failed -> fallThrough(failed).onErrorResume(error -> {
            org.slf4j.LoggerFactory.getLogger(Alerting.class).warn("alert {} did not fall through: {}", failed.id(),
                    error.toString());
            return Mono.empty();
        })).subscribe();
    }

    /**
     * Records the alerts of a flagged post. {@code post} is {@code null} for a sealed post: its alerts are built from
     * the incident number alone. A HIGH or CRITICAL safeguarding matter is first recorded as a safeguarding alert
     * (which someone must acknowledge, or it escalates); a CRITICAL one also opens an incident at once, owned by the
     * DSL. Answers the verdict with the incident number, if one was opened.
     */
    Mono<PostVerdict> flagged(PostVerdict verdict, CollectedPost post) {
        return Mono.zip(settings.of(verdict.schoolId()), people(verdict.schoolId(), verdict.accountId()))
                .flatMap(found -> {
                    ModerationSettings rules = found.getT1();
                    People people = found.getT2();
                    SchoolAccount onAccount = people.account().orElse(null);
                    return criticalIncident(verdict, people.audience()).flatMap(current -> {
                        FlaggedPost flagged = flaggedPost(current, post, onAccount);
                        List<Delivery> deliveries = AlertRouting.route(flagged, rules, people.audience());
                        String sourceKey = current.suspectedIllegal() ? "incident:" + current.incidentNumber()
                                : "post:" + current.postId();
                        Function<Channel, AlertMessage> message;
                        if (current.suspectedIllegal()) {
                            AlertMessage sealed = AlertMessages.forSuspectedIllegal(current.incidentNumber(),
                                    current.platform(), current.postedAt(), people.zone());
                            message = channel -> sealed;
                        } else {
                            message = channel -> AlertMessages.forPost(flagged, channel, people.zone(),
                                    properties.queueUrl());
                        }
                        Mono<Void> raised = !SafeguardingAlert.needed(current) ? Mono.empty()
                                : safeguarding.raise(SafeguardingAlert.raised(current, sourceKey,
                                                message.apply(Channel.FEED).subject(), clock.instant(),
                                                properties.escalationStep(current.severity())))
                                        .flatMap(raisedOne -> current.incidentNumber() == null
                                                || raisedOne.incidentNumber() != null ? Mono.empty()
                                                : safeguarding.incident(raisedOne.id(), current.incidentNumber()))
                                        .then();
                        return raised.then(record(current.schoolId(), sourceKey, deliveries, message))
                                .thenReturn(current);
                    });
                });
    }

    /**
     * A CRITICAL safeguarding post (not a sealed one, whose incident triage opened before) opens an incident at once,
     * owned by the school's DSL and linked to the post; its note names no content. Idempotent per post.
     */
    private Mono<PostVerdict> criticalIncident(PostVerdict verdict, Audience audience) {
        if (verdict.incidentNumber() != null || verdict.suspectedIllegal() || !verdict.safeguarding()
                || verdict.severity() != uk.hallmonitor.classification.Severity.CRITICAL) {
            return Mono.just(verdict);
        }
        String owner = audience.dsls().stream().filter(StaffView::active).map(StaffView::id).findFirst().orElse(null);
        String category = verdict.categories().isEmpty() ? "SAFEGUARDING"
                : verdict.categories().get(0).name().name();
        return incidents.open(new IncidentRequest("safeguarding:post:" + verdict.postId(), verdict.schoolId(),
                        category, verdict.severity().name(), List.of(verdict.postId()), "system",
                        "Opened automatically: a CRITICAL safeguarding alert (" + String.join(", ",
                                verdict.categoryNames()) + ") on " + verdict.platform() + ". The DSL leads; "
                                + "acknowledge the alert in Hallmonitor.", owner))
                .map(verdict::withIncident);
    }

    /** Records the alerts of one escalation step of a safeguarding alert to {@code people} and the shared channels. */
    Mono<Void> escalate(SafeguardingAlert alert, Role level, List<StaffView> people) {
        return Mono.zip(settings.of(alert.schoolId()), zone(alert.schoolId())).flatMap(found -> {
            List<String> names = people.stream().filter(StaffView::active).map(StaffView::name).toList();
            AlertMessage message = AlertMessages.forEscalation(alert, level, names, found.getT2(),
                    properties.queueUrl());
            return record(alert.schoolId(), alert.escalationSource(level),
                    AlertRouting.escalation(alert.schoolId(), people, found.getT1()), channel -> message);
        });
    }

    /** The DSL who owns automatic incidents of the school (the first active one), if any. */
    Mono<String> dsl(String schoolId) {
        return directory.staffWithRole(schoolId, Role.DSL).filter(StaffView::active).map(StaffView::id).next();
    }

    /** Records the failed alert again on the recipient's next channel, if it has one. */
    private Mono<Void> fallThrough(Alert failed) {
        return settings.of(failed.schoolId()).flatMap(rules -> {
            Channel next = AlertRouting.fallThrough(failed, rules);
            if (next == null) {
                return Mono.empty();
            }
            Recipient same = new Recipient(failed.recipientKey(), failed.recipientStaffId(), failed.recipientName(),
                    failed.address());
            boolean personal = failed.recipientStaffId() != null;
            AlertMessage message = personal ? AlertMessages.forFallThrough(failed, properties.queueUrl())
                    : new AlertMessage(failed.subject(), failed.body());
            return record(failed.schoolId(), failed.sourceKey(),
                    List.of(new Delivery(same, next, failed.reason(), false)), channel -> message);
        });
    }

    @Override
    public Mono<Void> notify(Notice notice) {
        Flux<StaffView> byRole = Flux.fromIterable(notice.roles())
                .concatMap(role -> directory.staffWithRole(notice.schoolId(), role));
        Flux<StaffView> byId = Flux.fromIterable(notice.staffIds()).concatMap(directory::staff);
        return Mono.zip(settings.of(notice.schoolId()), Flux.concat(byRole, byId).collectList())
                .flatMap(found -> record(notice.schoolId(), "notice:" + notice.dedupKey(),
                        AlertRouting.route(notice, found.getT1(), found.getT2()),
                        channel -> AlertMessages.forNotice(notice)));
    }

    private Mono<Void> record(String schoolId, String sourceKey, List<Delivery> deliveries,
                              Function<Channel, AlertMessage> message) {
        List<Alert> alerts = deliveries.stream().map(delivery -> {
            Alert fresh = Alert.record(java.util.UUID.randomUUID().toString(), schoolId, sourceKey, delivery,
                    message.apply(delivery.channel()), clock.instant());
            return fresh.state() == AlertState.PENDING ? dispatcher.claimedForRecording(fresh) : fresh;
        }).toList();
        if (alerts.isEmpty()) {
            return Mono.empty();
        }
        Recording recording = new Recording(alerts, Sinks.one());
        synchronized (recordings) {
            recordings.tryEmitNext(recording);
        }
        return recording.recorded().asMono()
                .doOnNext(recorded -> recorded.stream().filter(alert -> alert.state() == AlertState.SENDING)
                        .forEach(dispatcher::wake))
                .then();
    }

    /**
     * Records the alerts of several sources in one write: a burst's flagged posts arrive many a second, and every
     * write to the outbox waits for the one before it (one lock per collection and one commit per write on the
     * embedded store).
     */
    private Mono<Void> recordTogether(List<Recording> batch) {
        List<Alert> all = batch.stream().flatMap(recording -> recording.alerts().stream()).toList();
        return numbered(all).flatMap(numbered -> store.recordAll(numbered).map(Alert::id).collect(Collectors.toSet()))
                .doOnNext(ids -> batch.forEach(recording -> recording.recorded().tryEmitValue(
                        recording.alerts().stream().filter(alert -> ids.contains(alert.id())).toList())))
                .onErrorResume(error -> {
                    batch.forEach(recording -> recording.recorded().tryEmitError(error));
                    return Mono.empty();
                })
                .then();
    }

    /**
     * Gives the batch's feed alerts their places in the feed's order: one counter update for the whole batch, and
     * batches are recorded one after the other, so on this instance the feed is stored in the order it is numbered.
     */
    private Mono<List<Alert>> numbered(List<Alert> alerts) {
        int feeds = (int) alerts.stream().filter(alert -> alert.channel() == Channel.FEED).count();
        if (feeds == 0) {
            return Mono.just(alerts);
        }
        return store.reserveFeedSequence(feeds).map(last -> {
            long next = last - feeds + 1;
            List<Alert> numbered = new java.util.ArrayList<>(alerts.size());
            for (Alert alert : alerts) {
                numbered.add(alert.channel() == Channel.FEED ? alert.withFeedSeq(next++) : alert);
            }
            return numbered;
        });
    }

    /**
     * The people of a school and account as routing needs them. A burst brings many flagged posts of one school in a
     * second, and these are five reads each; so they are read once and kept for {@code audience-cache} (1 s): a
     * change to the school's staff reaches routing that much later. The school's rules are read for every post.
     */
    private Mono<People> people(String schoolId, String accountId) {
        if (properties.audienceCache().isZero()) {
            return readPeople(schoolId, accountId);
        }
        Duration keep = properties.audienceCache();
        return people.computeIfAbsent(schoolId + "|" + accountId, key -> readPeople(schoolId, accountId)
                .cache(found -> keep, error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<People> readPeople(String schoolId, String accountId) {
        Mono<Optional<SchoolAccount>> account = accountId == null ? Mono.just(Optional.empty())
                : accounts.account(accountId).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(zone(schoolId), account).flatMap(found -> audience(schoolId, found.getT2().orElse(null))
                .map(audience -> new People(found.getT1(), found.getT2(), audience)));
    }

    private Mono<Audience> audience(String schoolId, SchoolAccount account) {
        Mono<List<StaffView>> runners = account == null ? Mono.just(List.of())
                : Flux.fromIterable(account.runnerIds()).concatMap(directory::staff).collectList();
        return Mono.zip(directory.staffWithRole(schoolId, Role.MODERATOR).collectList(), runners,
                        directory.staffWithRole(schoolId, Role.DSL).collectList())
                .map(found -> new Audience(found.getT1(), found.getT2(), found.getT3()));
    }

    private Mono<ZoneId> zone(String schoolId) {
        return directory.school(schoolId).map(SchoolView::timezone).filter(java.util.Objects::nonNull)
                .defaultIfEmpty(LONDON);
    }

    private static FlaggedPost flaggedPost(PostVerdict verdict, CollectedPost post, SchoolAccount account) {
        boolean sealed = verdict.suspectedIllegal() || post == null;
        return new FlaggedPost(verdict.postId(), verdict.schoolId(), verdict.accountId(),
                account == null ? null : account.handle(), verdict.platform(), verdict.kind(), verdict.categories(),
                verdict.severity(), verdict.safeguarding(), verdict.suspectedIllegal(), verdict.postedAt(),
                sealed ? null : post.authorHandle(), sealed ? null : post.text(), sealed ? null : post.url(),
                verdict.incidentNumber());
    }
}
