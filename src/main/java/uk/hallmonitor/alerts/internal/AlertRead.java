package uk.hallmonitor.alerts.internal;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * That a person read an alert in the notification centre ({@code alert_reads}). Its id is
 * {@code alertId|staffId}, so marking read twice stores one record; the outbox entry itself is left alone.
 *
 * @param id      {@code alertId|staffId}
 * @param alertId the alert
 * @param staffId who read it
 * @param reason  the alert's reason (safeguarding, moderator, runner...), to count unread safeguarding alerts
 * @param readAt  when
 */
@Document("alert_reads")
public record AlertRead(@Id String id, String alertId, String staffId, String reason, Instant readAt) {

    public static AlertRead of(Alert alert, String staffId, Instant at) {
        return new AlertRead(alert.id() + "|" + staffId, alert.id(), staffId, alert.reason(), at);
    }
}
