package uk.hallmonitor.privacy.internal;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that runs the {@link RetentionPurge} (daily by default). Several instances may fire it: the purge
 * run is claimed in the store.
 */
@DisallowConcurrentExecution
class PurgeJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(PurgeJob.class);
    private static final Duration LONGEST_RUN = Duration.ofHours(2);

    private final RetentionPurge purge;
    PurgeJob(RetentionPurge purge) {
        this.purge = purge;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            purge.run().block(LONGEST_RUN);
        } catch (RuntimeException e) {
            // the run's plan and position are saved: the next firing finishes it, removing nothing twice
            log.warn("retention purge stopped: {}", e.toString());
        }
    }
}
