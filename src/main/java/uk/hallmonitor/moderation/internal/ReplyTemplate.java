package uk.hallmonitor.moderation.internal;

/**
 * A reply a moderator can adapt for one of the policy's cases.
 *
 * @param id       stable name
 * @param audience who it is for ({@code PARENT}, {@code PUPIL}, {@code PUBLIC})
 * @param title    what it is for
 * @param policy   the policy wording it follows
 * @param text     the reply, with {@code {school}} and {@code {contact}} to fill in
 */
public record ReplyTemplate(String id, String audience, String title, String policy, String text) {
}
