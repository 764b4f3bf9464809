package uk.hallmonitor.sla;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.system.Platform;

/**
 * An item was not replied to by its due time: the alert channels tell SLT (and the runners, if the channel wishes).
 * Published once per clock (the breach is claimed in the store first); {@code noticeId} is stable.
 *
 * @param noticeId   {@code clockId/BREACH}
 * @param clockId    the clock
 * @param postId     the item
 * @param schoolId   the school
 * @param accountId  the school account
 * @param platform   where the item is
 * @param receivedAt when the item was posted
 * @param dueAt      when the reply was due
 * @param sltIds     the SLT members to tell
 * @param runnerIds  the account's runners
 * @param breachedAt when the breach was found
 */
public record ClockBreached(String noticeId, String clockId, String postId, String schoolId, String accountId,
                            Platform platform, Instant receivedAt, Instant dueAt, List<String> sltIds,
                            List<String> runnerIds, Instant breachedAt) {
}
