package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.system.Platform;

/**
 * A connection stopped working: its token was refused, or it has failed for longer than allowed. Published once per
 * episode of failure (the episode is recorded in the store, so a restart or another instance does not repeat it);
 * the alerts module tells the administrators. {@link ConnectionRestored} ends the episode.
 *
 * @param accountId           the school account, or {@code null} for a watch
 * @param watchId             the watch, or {@code null} for an account
 * @param schoolId            the school
 * @param platform            the platform
 * @param unauthorized        whether the platform refused the credentials (expired or revoked token)
 * @param failingSince        the first failure of this episode
 * @param consecutiveFailures failures in a row so far
 * @param lastError           what the last failure said, without secrets
 * @param detectedAt          when the episode was judged failing
 */
public record ConnectionFailing(String accountId, String watchId, String schoolId, Platform platform,
                                boolean unauthorized, Instant failingSince, int consecutiveFailures, String lastError,
                                Instant detectedAt) {
}
