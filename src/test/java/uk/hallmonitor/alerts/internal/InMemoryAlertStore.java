package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertState;

/** The outbox in memory with the same atomicity as the Mongo store (every change under one lock). */
final class InMemoryAlertStore implements AlertStore {

    final Map<String, Alert> byId = new LinkedHashMap<>();

    @Override
    public synchronized Mono<Boolean> record(Alert alert) {
        boolean taken = byId.values().stream().anyMatch(a -> a.dedupKey().equals(alert.dedupKey()));
        if (!taken) {
            byId.put(alert.id(), alert);
        }
        return Mono.just(!taken);
    }

    @Override
    public Mono<Alert> claim(String id, String owner, Instant now, Duration lease) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                Alert alert = byId.get(id);
                if (alert == null || !alert.claimable(now)) {
                    return null;
                }
                Alert claimed = alert.claimed(owner, now, lease);
                byId.put(id, claimed);
                return claimed;
            }
        });
    }

    @Override
    public Mono<Alert> claimNext(String owner, Instant now, Duration lease) {
        return Mono.fromSupplier(() -> {
            synchronized (this) {
                return byId.values().stream().filter(a -> a.claimable(now))
                        .min(Comparator.comparing(Alert::nextAttemptAt))
                        .map(a -> {
                            Alert claimed = a.claimed(owner, now, lease);
                            byId.put(a.id(), claimed);
                            return claimed;
                        }).orElse(null);
            }
        });
    }

    @Override
    public synchronized Mono<Boolean> settle(Alert outcome, String owner) {
        Alert current = byId.get(outcome.id());
        if (current == null || current.state() != AlertState.SENDING || !owner.equals(current.leaseOwner())) {
            return Mono.just(false);
        }
        byId.put(outcome.id(), outcome);
        return Mono.just(true);
    }

    private long feedSeq;

    @Override
    public synchronized Mono<Long> reserveFeedSequence(int count) {
        feedSeq += count;
        return Mono.just(feedSeq);
    }

    @Override
    public synchronized Flux<Alert> held() {
        return Flux.fromIterable(byId.values().stream().filter(a -> a.state() == AlertState.HELD).toList());
    }

    @Override
    public synchronized Mono<Boolean> digested(Alert alert, String digestId) {
        Alert current = byId.get(alert.id());
        if (current == null || current.state() != AlertState.HELD) {
            return Mono.just(false);
        }
        byId.put(alert.id(), current.digestedInto(digestId));
        return Mono.just(true);
    }

    synchronized List<Alert> all() {
        return List.copyOf(byId.values());
    }
}
