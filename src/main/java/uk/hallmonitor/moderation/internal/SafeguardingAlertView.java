package uk.hallmonitor.moderation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.Platform;

/**
 * A safeguarding alert as the DSL, deputies, head teacher and SLT see it: what it is (never the post's words; a
 * sealed post shows its incident number only), how far up the ladder it went, who acknowledged it and when, and
 * whether any email, Teams or Slack message about it got through.
 *
 * @param id                 the safeguarding alert, which is also the post id
 * @param schoolId           the school
 * @param postId             the post
 * @param platform           where it was posted
 * @param categories         the classifier's categories (empty for a sealed post)
 * @param severity           HIGH or CRITICAL
 * @param sealed             suspected illegal content (R7)
 * @param incidentNumber     the incident opened for it, or {@code null}
 * @param subject            the alert's subject line
 * @param raisedAt           when the DSL was alerted
 * @param state              {@code UNACKNOWLEDGED} or {@code ACKNOWLEDGED}
 * @param reached            the highest role told so far: {@code DSL}, {@code DEPUTY_DSL} or {@code HEADTEACHER}
 * @param nextEscalationAt   when the next step is due, or {@code null}
 * @param escalations        the steps taken
 * @param acknowledgedBy     who acknowledged it ({@code staffId} and {@code name}), or {@code null}
 * @param acknowledgedAt     when, or {@code null}
 * @param note               their note
 * @param secondsToAcknowledge from raised to acknowledged, or {@code null}
 * @param reachedOutside     whether an email, Teams or Slack message about it was handed over (otherwise it is
 *                           only in the app, and a CRITICAL one is shown as a banner on every page)
 */
public record SafeguardingAlertView(String id, String schoolId, String postId, Platform platform,
                                    List<String> categories, Severity severity, boolean sealed,
                                    String incidentNumber, String subject, Instant raisedAt, String state,
                                    String reached, Instant nextEscalationAt,
                                    List<SafeguardingAlert.Escalation> escalations, Person acknowledgedBy,
                                    Instant acknowledgedAt, String note, Long secondsToAcknowledge,
                                    boolean reachedOutside) {

    /** A member of staff by id and name. */
    public record Person(String staffId, String name) {
    }

    static SafeguardingAlertView of(SafeguardingAlert alert, boolean reachedOutside) {
        String reached = alert.escalations().isEmpty() ? "DSL"
                : alert.escalations().get(alert.escalations().size() - 1).level().name();
        return new SafeguardingAlertView(alert.id(), alert.schoolId(), alert.id(), alert.platform(),
                alert.sealed() ? List.of() : alert.categories(), alert.severity(), alert.sealed(),
                alert.incidentNumber(), alert.subject(), alert.raisedAt(),
                alert.acknowledged() ? "ACKNOWLEDGED" : "UNACKNOWLEDGED", reached, alert.nextEscalationAt(),
                alert.escalations(),
                alert.acknowledged() ? new Person(alert.acknowledgedBy(), alert.acknowledgedByName()) : null,
                alert.acknowledgedAt(), alert.note(),
                alert.acknowledged() ? Duration.between(alert.raisedAt(), alert.acknowledgedAt()).toSeconds() : null,
                reachedOutside);
    }
}
