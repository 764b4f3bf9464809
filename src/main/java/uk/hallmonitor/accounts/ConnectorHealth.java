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
 * @param token               what the platform said about the stored token at the last daily check (expiry,
 *                            permissions, in words); {@code null} where the platform does not tell or it was not
 *                            checked yet
 */
public record ConnectorHealth(String state, Instant lastSuccessAt, int consecutiveFailures, String lastError,
                              TokenHealth token) {

    /** Health from polling alone; the token's part is written apart and kept. */
    public ConnectorHealth(String state, Instant lastSuccessAt, int consecutiveFailures, String lastError) {
        this(state, lastSuccessAt, consecutiveFailures, lastError, null);
    }
}
