package uk.hallmonitor.sla.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.sla.ClockBreached;
import uk.hallmonitor.sla.ReminderDue;
import uk.hallmonitor.system.events.DomainEventListener;

/**
 * Turns the response clocks' events into {@link Notices} for the people who must act: one bean per event type. Each
 * dedup key names the episode, so a repeated event (another instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class SlaNotices {

    @Bean
    DomainEventListener<ReminderDue> reminderDueNotice(Notices notices) {
        return event -> notices.notify(reminderDue(event));
    }

    @Bean
    DomainEventListener<ClockBreached> clockBreachedNotice(Notices notices) {
        return event -> notices.notify(clockBreached(event));
    }

    /** The runners hear before a reply falls due. */
    static Notice reminderDue(ReminderDue e) {
        return Notice.toStaff(e.schoolId(), e.runnerIds(),
                "Reply due by " + e.dueAt() + " on " + e.platform(),
                "A comment on the school's " + e.platform() + " account needs a reply by " + e.dueAt()
                        + " (the school's reply window, counted in working time; an acknowledgement is enough)."
                        + " Open the moderation queue: post " + e.postId() + ".",
                "sla:" + e.noticeId());
    }

    /** SLT and the runners hear when a reply was not made in time. */
    static Notice clockBreached(ClockBreached e) {
        List<String> recipients = new ArrayList<>(e.sltIds());
        e.runnerIds().stream().filter(id -> !recipients.contains(id)).forEach(recipients::add);
        return new Notice(e.schoolId(), Set.of(), recipients,
                "Missed the reply window on " + e.platform(),
                "A comment received " + e.receivedAt() + " on the school's " + e.platform()
                        + " account was not answered by " + e.dueAt() + ". Post " + e.postId() + ".",
                "sla:" + e.noticeId(), true);
    }
}
