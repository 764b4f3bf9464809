package uk.hallmonitor.reports;

import java.time.Duration;
import uk.hallmonitor.system.RepeatedJob;

/** The Quartz job that runs {@link WeeklyReportDelivery} on a worker thread, which may wait for it. */
class WeeklyReportJob extends RepeatedJob {

    WeeklyReportJob(WeeklyReportDelivery delivery) {
        // nothing is lost: the next check delivers what this one did not
        super(Duration.ofMinutes(10), "weekly report check failed", delivery::deliverDue);
    }
}
