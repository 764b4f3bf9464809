package uk.hallmonitor.accounts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.Platform;

/**
 * A school's official account as the other modules see it.
 *
 * @param id                the account's id in Hallmonitor
 * @param schoolId          the school that owns it
 * @param platform          where it lives
 * @param handle            its handle on the platform
 * @param platformAccountId the platform's own id of the account (X user id, Bluesky DID, Mastodon account id)
 * @param connection        connector settings such as {@code baseUrl}; never secrets (those are in the vault)
 * @param status            lifecycle status
 * @param runnerIds         staff who run it
 * @param lastActivityAt    last post or reply seen from the account, or {@code null}
 */
public record SchoolAccount(String id, String schoolId, Platform platform, String handle, String platformAccountId,
                            Map<String, String> connection, AccountStatus status, List<String> runnerIds,
                            Instant lastActivityAt) {

    /** Whether the account is to be polled. */
    public boolean monitored() {
        return status == AccountStatus.ACTIVE || status == AccountStatus.NEEDS_RUNNER;
    }
}
