package uk.hallmonitor.moderation.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.TimedSweep;
import uk.hallmonitor.system.security.Role;

/**
 * Climbs the ladder of unacknowledged safeguarding alerts: every {@code escalation-sweep-every} it reads the ones whose
 * next step is due by the injected clock, claims the step with one compare-and-set on the alert's version (so a
 * restart or a second instance never takes it twice), then records the step's alerts (the deputy DSLs or the head
 * teacher, every channel the school has) in the outbox, whose dedup keys make the recording itself repeatable. A crash
 * between the claim and the recording leaves {@code notifying} set, and the next sweep records them.
 */
@Component
class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);
    private static final int BATCH = 200;

    private final SafeguardingStore store;
    private final FlaggedPostAlerts alerting;
    private final SchoolDirectory directory;
    private final ModerationProperties properties;
    private final Clock clock;
    private volatile Disposable running;

    Escalations(SafeguardingStore store, FlaggedPostAlerts alerting, SchoolDirectory directory,
                ModerationProperties properties, Clock clock) {
        this.store = store;
        this.alerting = alerting;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass: every step due now (several for one alert when the service was down past them); answers how many. */
    Mono<Long> sweep() {
        Instant now = clock.instant();
        return store.due(now, BATCH)
                .concatMap(alert -> climb(alert, now).onErrorResume(error -> {
                    log.warn("safeguarding alert {} not escalated this time: {}", alert.id(), error.toString());
                    return Mono.just(0L);
                }))
                .reduce(0L, Long::sum);
    }

    /** Takes every step of this alert that is due at {@code now}, one compare-and-set each. */
    private Mono<Long> climb(SafeguardingAlert read, Instant now) {
        Mono<SafeguardingAlert> finished = read.notifying() == null ? Mono.just(read)
                : notify(read, Role.valueOf(read.notifying())).then(store.find(read.id()));
        return finished.flatMap(current -> {
            if (current.acknowledged() || current.nextEscalationAt() == null
                    || current.nextEscalationAt().isAfter(now)) {
                return Mono.just(0L);
            }
            int index = current.escalations().size();
            if (index >= SafeguardingAlert.LADDER.size()) {
                return store.top(current).thenReturn(0L);
            }
            Role level = SafeguardingAlert.LADDER.get(index);
            return directory.staffWithRole(current.schoolId(), level).filter(StaffView::active).collectList()
                    .flatMap(people -> {
                        Instant following = index + 1 < SafeguardingAlert.LADDER.size()
                                ? current.raisedAt().plus(properties.escalationStep(current.severity())
                                        .multipliedBy(index + 2))
                                : null;
                        SafeguardingAlert.Escalation step = new SafeguardingAlert.Escalation(level,
                                current.nextEscalationAt(), now, people.stream().map(StaffView::id).toList(),
                                SafeguardingStore.names(people));
                        return store.climb(current, step, following)
                                .flatMap(claimed -> alerting.escalate(claimed, level, people)
                                        .then(store.notified(claimed.id(), level.name()))
                                        .then(store.find(claimed.id()))
                                        .flatMap(next -> climb(next, now))
                                        .map(more -> more + 1))
                                .defaultIfEmpty(0L);
                    });
        });
    }

    /** Records (again, harmlessly) the alerts of a step whose claim was written but whose alerts may not be. */
    private Mono<Void> notify(SafeguardingAlert alert, Role level) {
        List<String> ids = alert.escalations().stream().filter(step -> step.level() == level)
                .flatMap(step -> step.staffIds().stream()).toList();
        return Flux.fromIterable(ids).concatMap(directory::staff).collectList()
                .flatMap(people -> alerting.escalate(alert, level, people))
                .then(store.notified(alert.id(), level.name()));
    }

    void start() {
        running = TimedSweep.every(properties.escalationSweepEvery(), this::sweep, log,
                "escalation sweep failed, the next one retries").subscribe();
    }

    void stop() {
        if (running != null) {
            running.dispose();
        }
    }
}
