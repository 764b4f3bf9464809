package uk.hallmonitor.alerts.internal;

import java.time.Duration;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.FeedEvent;
import uk.hallmonitor.alerts.Recipient;

/**
 * One entry of the outbox: a message for one recipient over one channel, recorded before it is sent. The dedup key
 * ({@code source|recipient|channel}) is unique in the store, so the same post or notice never reaches the same person
 * twice over the same channel, whichever instance routed it. The transitions below are the whole state machine;
 * stores apply them with a precondition on the state and the lease owner. {@code feedSeq} orders the alerts of the
 * in-app feed (one counter for the whole outbox, reserved a batch at a time), so a screen that reconnects with the
 * last sequence it saw ({@code Last-Event-ID}) is given exactly what it missed.
 */
@Document("alerts")
public record Alert(@Id String id, String dedupKey, String schoolId, String sourceKey, Channel channel,
                    String recipientKey, String recipientStaffId, String recipientName, String address, String reason,
                    String subject, String body, AlertState state, int attempts, Instant nextAttemptAt,
                    String leaseOwner, Instant leaseUntil, String lastError, Instant createdAt, Instant sentAt,
                    String digestId, Long feedSeq) {

    /** This alert as an entry of the live feed. */
    FeedEvent feedEvent() {
        return new FeedEvent(id, schoolId, sourceKey, subject, body, createdAt, feedSeq,
                recipientStaffId == null ? null : recipientName, recipientStaffId);
    }

    static String dedupKey(String sourceKey, Recipient recipient, Channel channel) {
        return sourceKey + "|" + recipient.key() + "|" + channel;
    }

    static Alert record(String id, String schoolId, String sourceKey, Delivery delivery, AlertMessage message,
                        Instant now) {
        Recipient to = delivery.recipient();
        return new Alert(id, dedupKey(sourceKey, to, delivery.channel()), schoolId, sourceKey, delivery.channel(),
                to.key(), to.staffId(), to.name(), to.email(), delivery.reason(), message.subject(), message.body(),
                delivery.held() ? AlertState.HELD : AlertState.PENDING, 0, now, null, null, null, now, null, null,
                null);
    }

    /** The same alert with its place in the in-app feed (feed alerts only; the feed replays in this order). */
    Alert withFeedSeq(long seq) {
        return new Alert(id, dedupKey, schoolId, sourceKey, channel, recipientKey, recipientStaffId, recipientName,
                address, reason, subject, body, state, attempts, nextAttemptAt, leaseOwner, leaseUntil, lastError,
                createdAt, sentAt, digestId, seq);
    }

    /** Whether a dispatcher may claim it at {@code now}: due and pending, or sending under an expired lease. */
    boolean claimable(Instant now) {
        return (state == AlertState.PENDING && !nextAttemptAt.isAfter(now))
                || (state == AlertState.SENDING && leaseUntil != null && !leaseUntil.isAfter(now));
    }

    Alert claimed(String owner, Instant now, Duration lease) {
        return new Alert(id, dedupKey, schoolId, sourceKey, channel, recipientKey, recipientStaffId, recipientName,
                address, reason, subject, body, AlertState.SENDING, attempts + 1, nextAttemptAt, owner,
                now.plus(lease), lastError, createdAt, sentAt, digestId, feedSeq);
    }

    Alert sent(Instant now) {
        return settled(AlertState.SENT, nextAttemptAt, lastError, now);
    }

    Alert retryAt(Instant next, String error) {
        return settled(AlertState.PENDING, next, error, null);
    }

    Alert undeliverable(String why) {
        return settled(AlertState.UNDELIVERABLE, nextAttemptAt, why, null);
    }

    Alert digestedInto(String digest) {
        return new Alert(id, dedupKey, schoolId, sourceKey, channel, recipientKey, recipientStaffId, recipientName,
                address, reason, subject, body, AlertState.DIGESTED, attempts, nextAttemptAt, null, null, lastError,
                createdAt, sentAt, digest, feedSeq);
    }

    private Alert settled(AlertState next, Instant nextAttempt, String error, Instant sentAt) {
        return new Alert(id, dedupKey, schoolId, sourceKey, channel, recipientKey, recipientStaffId, recipientName,
                address, reason, subject, body, next, attempts, nextAttempt, null, null, error, createdAt, sentAt,
                digestId, feedSeq);
    }
}
