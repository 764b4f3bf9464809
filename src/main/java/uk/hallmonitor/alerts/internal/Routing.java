package uk.hallmonitor.alerts.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Recipient;
import uk.hallmonitor.schools.StaffView;

/** Decides who hears of a notice and over which channel, and where an undelivered alert goes next. Pure. */
final class Routing {

    private Routing() {
    }

    /** Deliveries of a notice from another module to the people it names. */
    static List<Delivery> route(Notice notice, AlertSettings settings, List<StaffView> people) {
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
     * The recipient's next channel after {@code failed} could not be delivered, or {@code null} when none is left.
     * A person's email falls through to the school's Teams, then Slack, webhooks when the matter is urgent
     * (safeguarding, escalation, suspected illegal), and always ends in the in-app feed, which every recipient has.
     */
    static Channel fallThrough(Alert failed, AlertSettings settings) {
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
}
