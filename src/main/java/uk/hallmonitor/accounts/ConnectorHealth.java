package uk.hallmonitor.accounts;

import java.time.Instant;

/**
 * How the connection to an account's platform is faring, shown on the register.
 *
 * @param state               {@code OK}, {@code DEGRADED} (recent failures), {@code FAILING} (failing for longer
 *                            than allowed) or {@code UNAUTHORIZED} (token expired or revoked)
 * @param lastSuccessAt       last successful poll
 * @param consecutiveFailures failures since then
 * @param lastError           what the last failure said, without secrets
 */
public record ConnectorHealth(String state, Instant lastSuccessAt, int consecutiveFailures, String lastError) {
}
