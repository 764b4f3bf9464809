package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.system.TimedSweep;

/**
 * Folds held low-severity email alerts into one digest email per person per period. The digest is recorded first
 * under a key naming the period, then each held alert is marked as folded into it: a crash in between is finished
 * by the next run, and the digest itself is never recorded twice.
 */
@Component
class DigestJob {

    private final AlertStore store;
    private final AlertDispatcher dispatcher;
    private final AlertsProperties properties;
    private final Clock clock;
    private Disposable running;

    DigestJob(AlertStore store, AlertDispatcher dispatcher, AlertsProperties properties, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sends the digest of everything held now; answers how many alerts were folded. */
    Mono<Long> run() {
        Instant now = clock.instant();
        long period = now.toEpochMilli() / properties.digestEvery().toMillis();
        return store.held().collectMultimap(Alert::recipientKey).flatMapMany(byPerson -> Flux.fromIterable(
                byPerson.values()))
                .concatMap(held -> fold(List.copyOf(held), "digest:" + period, now))
                .reduce(0L, Long::sum);
    }

    void start() {
        running = TimedSweep.every(properties.digestEvery(), this::run, error -> Mono.empty()).subscribe();
    }

    void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    private Mono<Long> fold(List<Alert> held, String sourceKey, Instant now) {
        Alert first = held.get(0);
        Recipient recipient = new Recipient(first.recipientKey(), first.recipientStaffId(), first.recipientName(),
                first.address());
        String body = "Low-severity posts flagged since the last digest (" + held.size() + "):\n\n"
                + held.stream().map(alert -> "- " + alert.subject()).collect(Collectors.joining("\n"))
                + "\n\nOpen the moderation queue to review them.\n";
        Alert digest = Alert.record(java.util.UUID.randomUUID().toString(), first.schoolId(), sourceKey,
                new Delivery(recipient, Channel.EMAIL, "digest", false),
                new AlertMessage("Hallmonitor digest: " + held.size() + " low-severity posts", body), now);
        Alert claimed = dispatcher.claimedForRecording(digest);
        return store.record(claimed)
                .doOnNext(recorded -> {
                    if (recorded) {
                        dispatcher.wake(claimed);
                    }
                })
                .thenMany(Flux.fromIterable(held))
                .concatMap(alert -> store.digested(alert, digest.dedupKey()))
                .filter(Boolean::booleanValue)
                .count();
    }
}
