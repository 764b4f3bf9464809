package uk.hallmonitor.connectors;

import java.time.Instant;

/**
 * One post as a platform gave it, in platform-neutral form. Text is plain (HTML removed by the connector).
 *
 * @param platformPostId the platform's id; posts are stored once per (platform, id)
 * @param kind           COMMENT, MENTION, DIRECT_MESSAGE, PUBLIC_MENTION or OWN_POST (as {@code PostKind} names)
 * @param authorId       the platform's id of the author
 * @param authorHandle   the author's handle
 * @param text           plain text
 * @param url            link to the post on the platform, or {@code null}
 * @param conversationId thread id, or {@code null}
 * @param inReplyToId    the post it replies to, or {@code null}
 * @param postedAt       as the platform says
 * @param editedAt       when the platform says it was last edited, or {@code null}
 */
public record FetchedPost(String platformPostId, String kind, String authorId, String authorHandle, String text,
                          String url, String conversationId, String inReplyToId, Instant postedAt, Instant editedAt) {
}
