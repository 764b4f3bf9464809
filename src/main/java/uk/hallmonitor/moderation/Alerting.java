package uk.hallmonitor.moderation;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
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

    private final AlertStore store;
    private final AlertDispatcher dispatcher;
    private final SettingsStore settings;
    private final SchoolDirectory directory;
    private final AccountRegister accounts;
    private final ModerationProperties properties;
    private final Clock clock;

    Alerting(AlertStore store, AlertDispatcher dispatcher, SettingsStore settings, SchoolDirectory directory,
             AccountRegister accounts, ModerationProperties properties, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.directory = directory;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the alerts of a flagged post. {@code post} is {@code null} for a sealed post: its alerts are built from
     * the incident number alone.
     */
    Mono<Void> flagged(PostVerdict verdict, CollectedPost post) {
        Mono<SchoolAccount> account = verdict.accountId() == null ? Mono.empty()
                : accounts.account(verdict.accountId());
        return Mono.zip(settings.of(verdict.schoolId()), zone(verdict.schoolId()),
                        account.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                .flatMap(found -> {
                    ModerationSettings rules = found.getT1();
                    ZoneId zone = found.getT2();
                    SchoolAccount onAccount = found.getT3().orElse(null);
                    return audience(verdict.schoolId(), onAccount).flatMap(people -> {
                        FlaggedPost flagged = flaggedPost(verdict, post, onAccount);
                        List<Delivery> deliveries = AlertRouting.route(flagged, rules, people);
                        if (verdict.suspectedIllegal()) {
                            AlertMessage sealed = AlertMessages.forSuspectedIllegal(verdict.incidentNumber(),
                                    verdict.platform(), verdict.postedAt(), zone);
                            return record(verdict.schoolId(), "incident:" + verdict.incidentNumber(), deliveries,
                                    channel -> sealed);
                        }
                        return record(verdict.schoolId(), "post:" + verdict.postId(), deliveries,
                                channel -> AlertMessages.forPost(flagged, channel, zone, properties.queueUrl()));
                    });
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
        return Flux.fromIterable(deliveries)
                .concatMap(delivery -> {
                    Alert fresh = Alert.record(java.util.UUID.randomUUID().toString(), schoolId, sourceKey,
                            delivery, message.apply(delivery.channel()), clock.instant());
                    Alert alert = fresh.state() == AlertState.PENDING ? dispatcher.claimedForRecording(fresh) : fresh;
                    return store.record(alert).doOnNext(recorded -> {
                        if (recorded && alert.state() == AlertState.SENDING) {
                            dispatcher.wake(alert);
                        }
                    });
                })
                .then();
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
