package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.connectors.ConnectorException;

/**
 * How one connection is faring, kept with its cursor. An episode of failure starts at the first failure after a
 * success ({@code failingSince}); it is reported once ({@code alertedSince} remembers which episode was reported)
 * and ends at the next success.
 *
 * @param state               {@code NEW}, {@code OK}, {@code DEGRADED}, {@code FAILING} or {@code UNAUTHORIZED}
 * @param lastSuccessAt       last successful poll, or {@code null}
 * @param lastFailureAt       last failed poll, or {@code null}
 * @param consecutiveFailures failures since the last success
 * @param lastError           what the last failure said, without secrets
 * @param failingSince        first failure of the current episode, or {@code null}
 * @param alertedSince        {@code failingSince} of the episode already reported, or {@code null}
 * @param warnings            what was repaired in the last batch that needed repairs
 * @param lastWarningAt       when that was
 * @param warningsTotal       repaired batches so far
 */
record HealthRecord(String state, Instant lastSuccessAt, Instant lastFailureAt, int consecutiveFailures,
                    String lastError, Instant failingSince, Instant alertedSince, List<String> warnings,
                    Instant lastWarningAt, long warningsTotal) {

    static final String NEW = "NEW";
    static final String OK = "OK";
    static final String DEGRADED = "DEGRADED";
    static final String FAILING = "FAILING";
    static final String UNAUTHORIZED = "UNAUTHORIZED";
    /** Errors are cut to this length: they are shown on the register, not kept as logs. */
    private static final int MAX_ERROR = 500;
    private static final int MAX_WARNINGS = 10;

    HealthRecord {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    static HealthRecord fresh() {
        return new HealthRecord(NEW, null, null, 0, null, null, null, List.of(), null, 0);
    }

    HealthRecord succeeded(Instant now, List<String> batchWarnings) {
        boolean repaired = !batchWarnings.isEmpty();
        return new HealthRecord(OK, now, lastFailureAt, 0, lastError, null, null,
                repaired ? batchWarnings.subList(0, Math.min(MAX_WARNINGS, batchWarnings.size())) : warnings,
                repaired ? now : lastWarningAt, repaired ? warningsTotal + 1 : warningsTotal);
    }

    HealthRecord failed(Instant now, ConnectorException.Kind kind, String message, Duration failingAfter) {
        Instant since = failingSince == null ? now : failingSince;
        String state = kind == ConnectorException.Kind.UNAUTHORIZED ? UNAUTHORIZED
                : Duration.between(since, now).compareTo(failingAfter) >= 0 ? FAILING : DEGRADED;
        String error = kind + ": " + (message == null ? "no detail" : message);
        return new HealthRecord(state, lastSuccessAt, now, consecutiveFailures + 1,
                error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error, since, alertedSince, warnings,
                lastWarningAt, warningsTotal);
    }

    /** Whether this episode of failure is to be reported and has not been yet. */
    boolean needsAlert() {
        return (UNAUTHORIZED.equals(state) || FAILING.equals(state)) && failingSince != null
                && !failingSince.equals(alertedSince);
    }

    HealthRecord alerted() {
        return new HealthRecord(state, lastSuccessAt, lastFailureAt, consecutiveFailures, lastError, failingSince,
                failingSince, warnings, lastWarningAt, warningsTotal);
    }

    /** Whether the register should hear of a change from {@code before} to this (not every successful poll). */
    boolean differsFrom(HealthRecord before) {
        return !state.equals(before.state) || consecutiveFailures != before.consecutiveFailures;
    }

    ConnectorHealth forRegister() {
        return new ConnectorHealth(NEW.equals(state) ? OK : state, lastSuccessAt, consecutiveFailures, lastError);
    }
}
