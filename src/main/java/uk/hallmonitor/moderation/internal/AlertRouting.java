package uk.hallmonitor.moderation.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.schools.StaffView;

/**
 * Decides who hears of a flagged post and how, from the post, the school's settings and the people available.
 * Pure: no store, no clock.
 */
final class AlertRouting {

    private AlertRouting() {
    }

    static List<Delivery> route(FlaggedPost post, AlertSettings settings, Audience audience) {
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

    /**
     * Deliveries of one escalation step: an email to each person holding the role, and every shared channel the
     * school has (Teams, Slack, whatever their thresholds, and the feed).
     */
    static List<Delivery> escalation(String schoolId, List<StaffView> people, AlertSettings settings) {
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
