package uk.hallmonitor.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.hallmonitor.system.Platform;

/**
 * A reply to an item is due soon: the alert channels tell the account's runners. Published once per clock and
 * offset (the step is claimed in the store first); {@code noticeId} is stable, so a consumer can drop a repeat.
 *
 * @param noticeId   {@code clockId/PT4H}: unique per reminder
 * @param clockId    the clock
 * @param postId     the item
 * @param schoolId   the school
 * @param accountId  the school account
 * @param platform   where the item is
 * @param before     how long before the due time this reminder is
 * @param dueAt      when the reply is due
 * @param runnerIds  the staff to remind
 * @param sentAt     when the reminder was claimed
 */
public record ReminderDue(String noticeId, String clockId, String postId, String schoolId, String accountId,
                          Platform platform, Duration before, Instant dueAt, List<String> runnerIds, Instant sentAt) {
}
