package uk.hallmonitor.moderation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Role;

/**
 * A HIGH or CRITICAL safeguarding matter (collection {@code safeguarding_alerts}, one per post, keyed by post id) that
 * a person must acknowledge. Until someone does, the escalation sweep climbs {@link #LADDER}: each step is pushed onto
 * {@code escalations} by one compare-and-set update on {@code version}, so a restart or a second instance never
 * takes a step twice. Holds no words of the post.
 *
 * @param id               the post id
 * @param schoolId         the school
 * @param sourceKey        the outbox source of the DSL's alerts ({@code post:ID}, or {@code incident:NUMBER} when sealed)
 * @param platform         where it was posted
 * @param categories       the classifier's categories
 * @param severity         HIGH or CRITICAL
 * @param sealed           suspected illegal (R7): only the incident number is ever shown
 * @param incidentNumber   the incident opened for it, or {@code null}
 * @param subject          the alert's subject line (never post content)
 * @param raisedAt         when the DSL was alerted
 * @param escalations      the steps taken, oldest first
 * @param nextEscalationAt when the next step is due, {@code null} once acknowledged or at the top of the ladder
 * @param notifying        the step whose alerts are being recorded; set by the step's claim and cleared once they
 *                         are in the outbox, so a crash in between is finished by the next sweep
 * @param acknowledgedBy   staff id of who acknowledged it
 * @param acknowledgedByName their name
 * @param acknowledgedAt   when
 * @param note             what they said, if anything
 * @param version          bumped by every change; the compare-and-set precondition
 */
@Document("safeguarding_alerts")
public record SafeguardingAlert(@Id String id, String schoolId, String sourceKey, Platform platform, List<String> categories,
                         Severity severity, boolean sealed, String incidentNumber, String subject, Instant raisedAt,
                         List<Escalation> escalations, Instant nextEscalationAt, String notifying,
                         String acknowledgedBy, String acknowledgedByName, Instant acknowledgedAt, String note,
                         long version) {

    /** Who is told, in order, while nobody acknowledges: the DSL at once (routing), then these. */
    static final List<Role> LADDER = List.of(Role.DEPUTY_DSL, Role.HEADTEACHER);

    public SafeguardingAlert {
        categories = categories == null ? List.of() : List.copyOf(categories);
        escalations = escalations == null ? List.of() : List.copyOf(escalations);
    }

    /**
     * One step of the ladder.
     *
     * @param level    the role told
     * @param dueAt    when the step was due
     * @param at       when it was taken
     * @param staffIds who holds the role (may be empty: the school's shared channels are still told)
     * @param names    their names
     */
    public record Escalation(Role level, Instant dueAt, Instant at, List<String> staffIds, List<String> names) {
    }

    /** Whether a post's verdict calls for one: a safeguarding matter (or suspected illegal) of HIGH or above. */
    static boolean needed(PostVerdict verdict) {
        return (verdict.safeguarding() || verdict.suspectedIllegal()) && verdict.severity() != null
                && verdict.severity().compareTo(Severity.HIGH) >= 0;
    }

    static SafeguardingAlert raised(PostVerdict verdict, String sourceKey, String subject, Instant now,
                                    Duration step) {
        return new SafeguardingAlert(verdict.postId(), verdict.schoolId(), sourceKey, verdict.platform(),
                verdict.categoryNames(), verdict.severity(), verdict.suspectedIllegal(), verdict.incidentNumber(),
                subject, now, List.of(), now.plus(step), null, null, null, null, null, 0);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }

    /** The outbox source of a step's alerts. */
    String escalationSource(Role level) {
        return sourceKey + ":escalated:" + level.name();
    }

    /** Every outbox source of this matter: the first alerts and every step's. */
    List<String> sources() {
        List<String> all = new java.util.ArrayList<>();
        all.add(sourceKey);
        LADDER.forEach(level -> all.add(escalationSource(level)));
        return all;
    }
}
