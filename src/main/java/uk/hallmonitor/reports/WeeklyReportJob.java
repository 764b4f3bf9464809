package uk.hallmonitor.reports;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job that runs {@link WeeklyReportDelivery} on a worker thread, which may wait for it. */
@DisallowConcurrentExecution
class WeeklyReportJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(WeeklyReportJob.class);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(10);

    private final WeeklyReportDelivery delivery;

    WeeklyReportJob(WeeklyReportDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            delivery.deliverDue().block(LONGEST_RUN);
        } catch (RuntimeException e) {
            // nothing is lost: the next check delivers what this one did not
            log.warn("weekly report check failed: {}", e.toString());
        }
    }
}
