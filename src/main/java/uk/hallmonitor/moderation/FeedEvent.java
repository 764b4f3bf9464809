package uk.hallmonitor.moderation;

import java.time.Instant;

/**
 * One entry of the live moderation feed, as sent over server-sent events.
 *
 * @param alertId  the outbox alert
 * @param schoolId the school
 * @param source   what it is about: {@code post:ID}, {@code incident:NUMBER} or a notice's key
 * @param subject  the alert's subject
 * @param body     the alert's text (never a post's words)
 * @param at       when it was recorded
 */
public record FeedEvent(String alertId, String schoolId, String source, String subject, String body, Instant at) {
}
