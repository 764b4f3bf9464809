package uk.hallmonitor.privacy.internal;

import java.time.Duration;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Quartz job that answers subject requests a restart left unfinished; each request is claimed in the store. */
@DisallowConcurrentExecution
class RequestSweepJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(RequestSweepJob.class);
    private static final Duration LONGEST_RUN = Duration.ofMinutes(30);

    private final SubjectRequests requests;

    RequestSweepJob(SubjectRequests requests) {
        this.requests = requests;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            requests.resumeUnfinished().block(LONGEST_RUN);
        } catch (RuntimeException e) {
            // the requests stay PENDING or RUNNING: the next sweep takes them up again
            log.warn("unfinished subject requests not resumed: {}", e.toString());
        }
    }
}
