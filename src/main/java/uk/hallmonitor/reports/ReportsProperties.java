package uk.hallmonitor.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import uk.hallmonitor.system.security.Role;

/** When and to whom the weekly leadership report is delivered. */
@ConfigurationProperties("hallmonitor.reports")
record ReportsProperties(
        /** Whether the weekly report is delivered at all (it can always be read through the API). */
        Boolean deliver,
        /** Day of the week, in each school's time zone, from which last week's report is delivered. */
        DayOfWeek deliverOn,
        /** Local time of that day from which it is delivered. */
        LocalTime deliverAt,
        /** How often each instance checks whether a report is due (a missed morning is caught up later). */
        Duration checkEvery,
        /** Roles in the school whose holders receive it. */
        Set<Role> recipients) {

    ReportsProperties {
        deliver = deliver == null || deliver;
        deliverOn = deliverOn == null ? DayOfWeek.MONDAY : deliverOn;
        deliverAt = deliverAt == null ? LocalTime.of(7, 0) : deliverAt;
        checkEvery = checkEvery == null ? Duration.ofMinutes(15) : checkEvery;
        recipients = recipients == null || recipients.isEmpty()
                ? Set.of(Role.SLT, Role.HEADTEACHER, Role.GOVERNOR) : Set.copyOf(recipients);
    }
}
