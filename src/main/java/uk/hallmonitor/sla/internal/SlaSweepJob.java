package uk.hallmonitor.sla.internal;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that runs {@link ClockSweep}. It runs on a Quartz worker thread, never an event loop, so it may
 * wait for the sweep; several instances may run it at once, since every step is claimed in the store.
 */
@DisallowConcurrentExecution
record SlaSweepJob(ClockSweep sweep) implements Job {

    private static final Logger log = LoggerFactory.getLogger(SlaSweepJob.class);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(10);

    @Override
    public void execute(JobExecutionContext context) {
        try {
            ClockSweep.Report report = sweep.run().block(LONGEST_RUN);
            if (report != null && report.stepsSent() > 0) {
                log.info("sla sweep: {} posts read, {} reminders or breaches sent", report.postsRead(),
                        report.stepsSent());
            }
        } catch (RuntimeException e) {
            // The next run picks up where this one failed: every step is still unclaimed in the store.
            log.warn("sla sweep failed: {}", e.toString());
        }
    }
}
