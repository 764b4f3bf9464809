package uk.hallmonitor.accounts;

import java.util.List;

/** An account has fewer than two current runners: SLT must name more or close it. */
public record AccountNeedsRunner(String accountId, String schoolId, String handle, List<String> remainingRunnerIds,
                                 String reason) {
}
