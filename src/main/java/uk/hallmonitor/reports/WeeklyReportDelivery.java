package uk.hallmonitor.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;

/**
 * Delivers last week's report to each school's leadership once the delivery time of this week has come, also when
 * there was nothing to report. The notice's dedup key is the school and week, so repeated checks, restarts and
 * several instances deliver it once; a check after a missed morning still delivers it.
 */
@Component
record WeeklyReportDelivery(SchoolDirectory directory, WeeklyReports reports, Notices notices,
                            ReportsProperties properties, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(WeeklyReportDelivery.class);

    /** Delivers every report that is due and not yet delivered; completes with how many schools were checked. */
    Mono<Long> deliverDue() {
        return directory.schools()
                .concatMap(school -> deliverIfDue(school)
                        .onErrorResume(e -> {
                            // one school's failure must not hold up the others; the next check tries again
                            log.warn("weekly report of school {} not delivered yet: {}", school.id(), e.toString());
                            return Mono.empty();
                        })
                        .thenReturn(1L))
                .count();
    }

    private Mono<Void> deliverIfDue(SchoolView school) {
        ZonedDateTime now = clock.instant().atZone(school.timezone());
        LocalDate deliveryDay = now.toLocalDate().with(TemporalAdjusters.previousOrSame(properties.deliverOn()));
        if (deliveryDay.equals(now.toLocalDate()) && now.toLocalTime().isBefore(properties.deliverAt())) {
            deliveryDay = deliveryDay.minusWeeks(1);
        }
        // the last whole week before the delivery day: always a finished week, whatever day delivery is set for
        ReportWeek reported = ReportWeek.before(deliveryDay);
        return reports.of(school, reported).flatMap(report -> notices.notify(new Notice(school.id(),
                properties.recipients(), java.util.List.of(), ReportDocuments.title(report),
                ReportDocuments.text(report)
                        + "\nThe full report, as a page or a PDF: /api/v1/reports/weekly?schoolId=" + school.id()
                        + "&week=" + reported.label() + "\n",
                "weekly-report:" + school.id() + ":" + reported.label(), false)));
    }
}
