package uk.hallmonitor.alerts;

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
 * @param seq      its place in the feed (also the event id; send it back as {@code Last-Event-ID} to resume)
 * @param recipient who it is for by name ({@code null} when it is for the school)
 * @param recipientStaffId their staff id, or {@code null}
 */
public record FeedEvent(String alertId, String schoolId, String source, String subject, String body, Instant at,
                        Long seq, String recipient, String recipientStaffId) {
}
