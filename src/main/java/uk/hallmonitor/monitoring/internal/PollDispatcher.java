package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.connectors.Source;

/**
 * One round of polling: every monitored account and every watch whose next poll is due is polled, at most
 * {@code concurrency} at a time. Each instance walks the due sources in its own random order and the per-source
 * lock turns away whoever comes second, so several instances share the work without polling anything twice.
 */
@Component
record PollDispatcher(AccountRegister register, WatchStore watches, SourceStates states, Poller poller,
                      MonitoringProperties properties, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(PollDispatcher.class);

    /** How one round went: how many sources were due and what became of them. */
    record Round(int due, Map<PollOutcome, Integer> outcomes) {

        int count(PollOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    Mono<Round> dispatch() {
        return Mono.defer(() -> {
            Instant now = clock.instant();
            return states.schedule().collectMap(SourceStates.Due::id, SourceStates.Due::nextPollAt)
                    .flatMap(schedule -> sources()
                            .filter(source -> {
                                Instant next = schedule.get(SourceState.key(source));
                                return next == null || !next.isAfter(now);
                            })
                            .collectList())
                    .flatMap(this::pollAll);
        });
    }

    private Mono<Round> pollAll(List<Source> due) {
        List<Source> shuffled = new ArrayList<>(due);
        Collections.shuffle(shuffled);
        return Flux.fromIterable(shuffled)
                // a poll that hangs (a store that stopped answering) must not hold up the round forever
                .flatMap(source -> poller.poll(source).timeout(properties.lockAtMostFor()).onErrorResume(error -> {
                    log.error("poll of {} aborted", SourceState.key(source), error);
                    return Mono.just(PollOutcome.ABORTED);
                }), properties.concurrency())
                .collect(() -> new EnumMap<PollOutcome, Integer>(PollOutcome.class),
                        (counts, outcome) -> counts.merge(outcome, 1, Integer::sum))
                .map(counts -> new Round(due.size(), Map.copyOf(counts)));
    }

    /** Every source that is to be polled: monitored accounts, then watches. */
    Flux<Source> sources() {
        return Flux.concat(register.monitored().map(this::source),
                watches.all().map(watch -> watch.source(properties.maxReads(watch.platform()))));
    }

    private Source source(SchoolAccount account) {
        Map<String, String> connection = new LinkedHashMap<>();
        if (account.connection() != null) {
            account.connection().forEach((key, value) -> {
                if (key != null && value != null) {
                    connection.put(key, value);
                }
            });
        }
        // an account without a platform id is still an account, not a watch
        String platformAccountId = account.platformAccountId() == null ? "" : account.platformAccountId();
        return new Source(account.id(), account.schoolId(), account.platform(), platformAccountId, account.handle(),
                List.of(), connection, properties.maxReads(account.platform()));
    }
}
