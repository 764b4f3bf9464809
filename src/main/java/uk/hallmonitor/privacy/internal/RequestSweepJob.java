package uk.hallmonitor.privacy.internal;

import java.time.Duration;
import uk.hallmonitor.system.RepeatedJob;

/** The Quartz job that answers subject requests a restart left unfinished; each request is claimed in the store. */
class RequestSweepJob extends RepeatedJob {

    RequestSweepJob(SubjectRequests requests) {
        // the requests stay PENDING or RUNNING: the next sweep takes them up again
        super(Duration.ofMinutes(30), "unfinished subject requests not resumed", requests::resumeUnfinished);
    }
}
