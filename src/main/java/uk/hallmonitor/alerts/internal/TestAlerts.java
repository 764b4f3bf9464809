package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/**
 * "Send a test alert": one message over each channel the school has set up (its Teams and Slack webhooks, and an
 * email to the person asking), sent at once and outside the outbox, so the answer says there and then which channel
 * works and why another does not. Nothing is kept but the audit entry.
 */
@Component
record TestAlerts(WebhookChannels webhooks, MailChannel mail, SettingsStore settings, SchoolDirectory directory,
                  AuditTrail audit, Clock clock) {

    /** What one channel made of the test. */
    record Result(Channel channel, boolean sent, String detail) {
    }

    Mono<List<Result>> send(Caller caller, String schoolId) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT)) {
            return Mono.error(Problems.forbidden("only ADMIN or SLT send test alerts"));
        }
        return Mono.zip(settings.of(schoolId), directory.school(schoolId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("school", schoolId))),
                directory.staff(caller.staffId()).map(s -> s.email() == null ? "" : s.email()).defaultIfEmpty(""))
                .flatMap(t -> {
                    AlertSettings school = t.getT1();
                    String subject = "Hallmonitor test alert for " + t.getT2().name();
                    String body = "This is a test sent by " + caller.username() + " from the alert settings page."
                            + " If you can read it, alerts reach this channel. Nothing needs doing.";
                    List<Mono<Result>> sends = new ArrayList<>();
                    for (AlertChannel channel : webhooks.channels()) {
                        if (school.webhookUrl(channel.channel()) == null) {
                            sends.add(Mono.just(new Result(channel.channel(), false, "not set up: add the "
                                    + (channel.channel() == Channel.TEAMS ? "Teams" : "Slack") + " webhook address")));
                        } else {
                            sends.add(send(channel, alert(schoolId, channel.channel(), null, caller, subject, body)));
                        }
                    }
                    sends.add(t.getT3().isBlank()
                            ? Mono.just(new Result(Channel.EMAIL, false, "your staff record has no email address"))
                            : send(mail, alert(schoolId, Channel.EMAIL, t.getT3(), caller, subject, body)));
                    return Flux.concat(sends).collectList();
                })
                .flatMap(results -> audit.record(new AuditEvent(caller.username(), "moderation.test-alert", schoolId,
                        "moderation-settings", schoolId, null, Map.of("results", results))).thenReturn(results));
    }

    private static Mono<Result> send(AlertChannel channel, Alert alert) {
        return channel.send(alert).map(result -> new Result(channel.channel(),
                result.outcome() == SendResult.Outcome.SENT, result.detail()));
    }

    private Alert alert(String schoolId, Channel channel, String address, Caller caller, String subject, String body) {
        Instant now = clock.instant();
        String id = "test-" + UUID.randomUUID();
        return new Alert(id, id, schoolId, "test-alert", channel, caller.staffId(), caller.staffId(),
                caller.username(), address, "test alert", subject, body, AlertState.SENDING, 1, now, null, null, null,
                now, null, null, null);
    }
}
