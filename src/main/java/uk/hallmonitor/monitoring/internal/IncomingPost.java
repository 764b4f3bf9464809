package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import uk.hallmonitor.monitoring.PostKind;

/** A fetched post after {@link BatchCheck}: known kind, plain non-null text, timestamps no later than collection. */
record IncomingPost(String platformPostId, PostKind kind, String authorId, String authorHandle, String text, String url,
                    String conversationId, String inReplyToId, Instant postedAt, Instant editedAt) {
}
