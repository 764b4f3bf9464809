package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The outbox. Every change is one atomic single-document update guarded by the expected state and lease owner. */
interface AlertStore {

    /** Stores the alert; answers {@code false} when one with the same dedup key is already there. */
    Mono<Boolean> record(Alert alert);

    /**
     * Stores the alerts of one source together (one write where the store allows); emits those this call stored,
     * leaving out any whose dedup key was taken already.
     */
    default Flux<Alert> recordAll(java.util.List<Alert> alerts) {
        return Flux.fromIterable(alerts).concatMap(alert -> record(alert).filter(Boolean::booleanValue)
                .map(recorded -> alert));
    }

    /** Claims the alert with this id when it is claimable now; empty when it is not (sent, held, leased...). */
    Mono<Alert> claim(String id, String owner, Instant now, Duration lease);

    /** Claims any one claimable alert, oldest due first; empty when none is. */
    Mono<Alert> claimNext(String owner, Instant now, Duration lease);

    /** Writes the outcome of a claimed alert, only if {@code owner} still holds its lease; answers whether it did. */
    Mono<Boolean> settle(Alert outcome, String owner);

    /**
     * Writes the outcomes of several claimed alerts held by {@code owner} (one write where the store allows); each
     * is applied only if the owner still holds its lease. Completes with how many were written.
     */
    default Mono<Long> settleAll(java.util.List<Alert> outcomes, String owner) {
        return Flux.fromIterable(outcomes).concatMap(outcome -> settle(outcome, owner))
                .filter(Boolean::booleanValue).count();
    }

    /**
     * Reserves {@code count} consecutive places in the in-app feed's order (one counter for the outbox); answers the
     * last of them.
     */
    Mono<Long> reserveFeedSequence(int count);

    /** Alerts held for the digest whose channel is email. */
    Flux<Alert> held();

    /** Marks a held alert as folded into the digest, only if it is still held. */
    Mono<Boolean> digested(Alert alert, String digestId);
}
