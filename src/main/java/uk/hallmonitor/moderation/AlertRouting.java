package uk.hallmonitor.moderation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.schools.StaffView;

/**
 * Decides who hears of a flagged post and how, from the post, the school's settings and the people available.
 * Pure: no store, no clock.
 */
final class AlertRouting {

    private AlertRouting() {
    }

    static List<Delivery> route(FlaggedPost post, ModerationSettings settings, Audience audience) {
        boolean dslMatter = post.safeguarding() || post.suspectedIllegal()
                || atLeast(post.severity(), settings.dslFrom());
        // a person who is both runner and DSL is told once, for the most pressing reason
        Map<String, String> reasons = new LinkedHashMap<>();
        Map<String, StaffView> people = new LinkedHashMap<>();
        if (dslMatter) {
            audience.dsls().forEach(person -> add(people, reasons, person, "safeguarding"));
        }
        audience.moderators().forEach(person -> add(people, reasons, person, "moderator"));
        if (post.onSchoolAccount() && settings.alertRunners()) {
            audience.runners().forEach(person -> add(people, reasons, person, "runner"));
        }

        List<Delivery> deliveries = new ArrayList<>();
        boolean urgent = post.safeguarding() || post.suspectedIllegal();
        if (urgent || atLeast(post.severity(), settings.emailFrom())) {
            boolean held = !urgent && settings.digestLowSeverity() && post.severity().compareTo(Severity.LOW) <= 0;
            for (StaffView person : people.values()) {
                String reason = reasons.get(person.id());
                // the DSL hears of safeguarding matters at once, whatever the digest says
                deliveries.add(new Delivery(Recipient.staff(person.id(), person.name(), person.email()),
                        Channel.EMAIL, reason, held && !"safeguarding".equals(reason)));
            }
        }
        if (urgent || atLeast(post.severity(), settings.webhookFrom())) {
            for (Channel channel : List.of(Channel.TEAMS, Channel.SLACK)) {
                if (settings.webhookUrl(channel) != null) {
                    deliveries.add(new Delivery(Recipient.school(post.schoolId()), channel, "school", false));
                }
            }
        }
        deliveries.add(new Delivery(Recipient.school(post.schoolId()), Channel.FEED, "school", false));
        return deliveries;
    }

    /** Deliveries of a notice from another module to the people it names. */
    static List<Delivery> route(Notice notice, ModerationSettings settings, List<StaffView> people) {
        Map<String, StaffView> unique = new LinkedHashMap<>();
        people.stream().filter(StaffView::active).forEach(person -> unique.putIfAbsent(person.id(), person));
        List<Delivery> deliveries = new ArrayList<>();
        unique.values().forEach(person -> deliveries.add(new Delivery(
                Recipient.staff(person.id(), person.name(), person.email()), Channel.EMAIL, "notice", false)));
        if (notice.urgent()) {
            for (Channel channel : List.of(Channel.TEAMS, Channel.SLACK)) {
                if (settings.webhookUrl(channel) != null) {
                    deliveries.add(new Delivery(Recipient.school(notice.schoolId()), channel, "school", false));
                }
            }
        }
        deliveries.add(new Delivery(Recipient.school(notice.schoolId()), Channel.FEED, "school", false));
        return deliveries;
    }

    /**
     * Deliveries of one escalation step: an email to each person holding the role, and every shared channel the
     * school has (Teams, Slack, whatever their thresholds, and the feed).
     */
    static List<Delivery> escalation(String schoolId, List<StaffView> people, ModerationSettings settings) {
        Map<String, StaffView> unique = new LinkedHashMap<>();
        people.stream().filter(StaffView::active).forEach(person -> unique.putIfAbsent(person.id(), person));
        List<Delivery> deliveries = new ArrayList<>();
        unique.values().forEach(person -> deliveries.add(new Delivery(
                Recipient.staff(person.id(), person.name(), person.email()), Channel.EMAIL, "escalation", false)));
        for (Channel channel : List.of(Channel.TEAMS, Channel.SLACK)) {
            if (settings.webhookUrl(channel) != null) {
                deliveries.add(new Delivery(Recipient.school(schoolId), channel, "escalation", false));
            }
        }
        deliveries.add(new Delivery(Recipient.school(schoolId), Channel.FEED, "escalation", false));
        return deliveries;
    }

    /**
     * The recipient's next channel after {@code failed} could not be delivered, or {@code null} when none is left.
     * A person's email falls through to the school's Teams, then Slack, webhooks when the matter is urgent
     * (safeguarding, escalation, suspected illegal), and always ends in the in-app feed, which every recipient has.
     */
    static Channel fallThrough(Alert failed, ModerationSettings settings) {
        boolean urgent = "safeguarding".equals(failed.reason()) || "escalation".equals(failed.reason())
                || failed.sourceKey().startsWith("incident:");
        boolean person = failed.recipientStaffId() != null;
        List<Channel> order = person && urgent ? List.of(Channel.EMAIL, Channel.TEAMS, Channel.SLACK, Channel.FEED)
                : person ? List.of(Channel.EMAIL, Channel.FEED)
                : List.of(Channel.TEAMS, Channel.SLACK, Channel.FEED);
        int at = order.indexOf(failed.channel());
        if (at < 0) {
            return null;
        }
        for (Channel next : order.subList(at + 1, order.size())) {
            if (next == Channel.FEED || settings.webhookUrl(next) != null) {
                return next;
            }
        }
        return null;
    }

    private static void add(Map<String, StaffView> people, Map<String, String> reasons, StaffView person,
                            String reason) {
        if (person.active() && !people.containsKey(person.id())) {
            people.put(person.id(), person);
            reasons.put(person.id(), reason);
        }
    }

    private static boolean atLeast(Severity severity, Severity floor) {
        return severity != null && floor != null && severity.compareTo(floor) >= 0;
    }
}
