package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.AlertOutbox;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;

/**
 * The outbox's way in: records the alerts other modules route themselves ({@link AlertOutbox}) and other modules'
 * notices ({@link Notices}), writes their text, records every alert (the unique dedup key drops repeats) and wakes
 * the dispatcher for the ones this call recorded; an alert its channel could not deliver is recorded again on the
 * recipient's next channel.
 */
@Component
class Alerting implements Notices, AlertOutbox {

    private static final int RECORD_BATCH = 128;
    private static final Duration RECORD_WAIT = Duration.ofMillis(5);

    private final AlertStore store;
    private final MongoAlertStore outbox;
    private final AlertDispatcher dispatcher;
    private final SettingsStore settings;
    private final SchoolDirectory directory;
    private final AlertsProperties properties;
    private final Clock clock;
    private final Sinks.Many<Recording> recordings = Sinks.many().unicast().onBackpressureBuffer();

    /** The alerts of one source waiting to be recorded, and where to say which of them this call recorded. */
    private record Recording(List<Alert> alerts, Sinks.One<List<Alert>> recorded) {
    }

    Alerting(AlertStore store, MongoAlertStore outbox, AlertDispatcher dispatcher, SettingsStore settings,
             SchoolDirectory directory, AlertsProperties properties, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.directory = directory;
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

    /** Records the failed alert again on the recipient's next channel, if it has one. */
    private Mono<Void> fallThrough(Alert failed) {
        return settings.of(failed.schoolId()).flatMap(rules -> {
            Channel next = Routing.fallThrough(failed, rules);
            if (next == null) {
                return Mono.empty();
            }
            Recipient same = new Recipient(failed.recipientKey(), failed.recipientStaffId(), failed.recipientName(),
                    failed.address());
            boolean personal = failed.recipientStaffId() != null;
            AlertMessage message = personal ? Messages.forFallThrough(failed, properties.queueUrl())
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
                        Routing.route(notice, found.getT1(), found.getT2()),
                        channel -> Messages.forNotice(notice)));
    }

    @Override
    public Mono<AlertSettings> settings(String schoolId) {
        return settings.of(schoolId);
    }

    @Override
    public Mono<Boolean> reachedOutside(Collection<String> sourceKeys) {
        return outbox.reachedOutside(sourceKeys);
    }

    @Override
    public Flux<String> reachedOutsideOf(Collection<String> sourceKeys) {
        return outbox.reachedOutsideOf(sourceKeys);
    }

    @Override
    public Mono<Void> record(String schoolId, String sourceKey, List<Delivery> deliveries,
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

}
