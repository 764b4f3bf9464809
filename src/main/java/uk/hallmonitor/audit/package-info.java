/**
 * The audit trail: an append-only, hash-chained record of every change of state and every read of sensitive data.
 * Each entry carries a sequence number (unique, so two instances can never fork the chain) and the SHA-256 of the
 * previous entry; {@code GET /api/v1/audit/verify} recomputes the chain and names the first entry that does not fit.
 * Other modules only see {@link uk.hallmonitor.audit.AuditTrail} and {@link uk.hallmonitor.audit.AuditEvent}.
 */
package uk.hallmonitor.audit;
