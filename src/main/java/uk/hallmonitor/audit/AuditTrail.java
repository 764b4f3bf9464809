package uk.hallmonitor.audit;

import reactor.core.publisher.Mono;

/** The append-only, hash-chained record of every change of state and every read of sensitive data. */
public interface AuditTrail {

    /** Appends the event; completes once the entry is stored. */
    Mono<Void> record(AuditEvent event);

    /** The chain's latest anchor (outside the database), for reports; empty before the first keyed entry. */
    default Mono<ChainHead> head() {
        return Mono.empty();
    }
}
