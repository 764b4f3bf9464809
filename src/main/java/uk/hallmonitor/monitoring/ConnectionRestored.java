package uk.hallmonitor.monitoring;

import java.time.Instant;
import uk.hallmonitor.system.Platform;

/**
 * A connection that was reported by {@link ConnectionFailing} polled successfully again.
 *
 * @param accountId    the school account, or {@code null} for a watch
 * @param watchId      the watch, or {@code null} for an account
 * @param schoolId     the school
 * @param platform     the platform
 * @param failingSince the first failure of the episode that ended
 * @param restoredAt   the successful poll
 */
public record ConnectionRestored(String accountId, String watchId, String schoolId, Platform platform,
                                 Instant failingSince, Instant restoredAt) {
}
