package uk.hallmonitor.privacy.internal;

import java.time.Duration;
import uk.hallmonitor.system.RepeatedJob;

/**
 * The Quartz job that runs the {@link RetentionPurge} (daily by default). Several instances may fire it: the purge
 * run is claimed in the store.
 */
class PurgeJob extends RepeatedJob {

    PurgeJob(RetentionPurge purge) {
        // the run's plan and position are saved: the next firing finishes it, removing nothing twice
        super(Duration.ofHours(2), "retention purge stopped", purge::run);
    }
}
