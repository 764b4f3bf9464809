package uk.hallmonitor.alerts.internal;

import java.time.Instant;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;

/**
 * An alert as the alerts screen shows it: channel, recipient, delivery state; email addresses are shown so a wrong
 * one can be fixed, webhook URLs never.
 */
public record AlertView(String id, String schoolId, String source, Channel channel, String recipientStaffId,
                        String recipientName, String address, String reason, String subject, AlertState state,
                        int attempts, Instant nextAttemptAt, String lastError, Instant createdAt, Instant sentAt) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.id(), alert.schoolId(), alert.sourceKey(), alert.channel(),
                alert.recipientStaffId(), alert.recipientName(), alert.address(), alert.reason(), alert.subject(),
                alert.state(), alert.attempts(), alert.nextAttemptAt(), alert.lastError(), alert.createdAt(),
                alert.sentAt());
    }
}
