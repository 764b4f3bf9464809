package uk.hallmonitor.audit;

import reactor.core.publisher.Mono;

/** The append-only, hash-chained record of every change of state and every read of sensitive data. */
public interface AuditTrail {

    /** Appends the event; completes once the entry is stored. */
    Mono<Void> record(AuditEvent event);

    /**
     * Removes the content ({@code before}/{@code after}) of the entries about one record that has been purged or
     * erased, keeping who did what and when. Entries linked over their digests (version 3) keep verifying; older
     * entries were linked over the text itself and are left whole (counted in {@link Redaction#keptWhole}).
     * Idempotent: entries already redacted are not counted again. A trail that cannot redact (a test's lambda)
     * says so with an error rather than pretend.
     */
    default Mono<Redaction> redact(String subjectType, String subjectId) {
        return Mono.error(new UnsupportedOperationException("this audit trail cannot redact entries"));
    }

    /** What {@link #redact} did: entries whose content was removed, and older entries left whole. */
    record Redaction(long redacted, long keptWhole) {
    }

    /** The chain's latest anchor (outside the database), for reports; empty before the first keyed entry. */
    default Mono<ChainHead> head() {
        return Mono.empty();
    }
}
