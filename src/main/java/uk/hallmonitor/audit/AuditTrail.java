package uk.hallmonitor.audit;

import reactor.core.publisher.Mono;

/** The append-only, hash-chained record of every change of state and every read of sensitive data. */
public interface AuditTrail {

    /** Appends the event; completes once the entry is stored. */
    Mono<Void> record(AuditEvent event);
}
