package uk.hallmonitor.system;

import java.time.Duration;
import java.util.function.Supplier;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A Quartz job, fired at a fixed interval, that runs one piece of a module's reactive work. It runs on a Quartz
 * worker thread, never an event loop, so it may wait for the work up to its longest run; a failure is logged and
 * left to the next firing, as each module's work claims what it does in the store.
 */
@DisallowConcurrentExecution
public abstract class RepeatedJob implements Job {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Duration longestRun;
    private final String failure;
    private final Supplier<? extends Mono<?>> work;

    /**
     * @param longestRun how long a firing waits for the work
     * @param failure    what the log says when the work fails, before the reason
     * @param work       the work of one firing
     */
    protected RepeatedJob(Duration longestRun, String failure, Supplier<? extends Mono<?>> work) {
        this.longestRun = longestRun;
        this.failure = failure;
        this.work = work;
    }

    @Override
    public final void execute(JobExecutionContext context) {
        try {
            work.get().block(longestRun);
        } catch (RuntimeException e) {
            log.warn("{}: {}", failure, e.toString());
        }
    }

    /** The stored job that runs this class, named {@code name} in {@code group}. */
    public static JobDetail detail(Class<? extends RepeatedJob> job, String name, String group, String description) {
        return JobBuilder.newJob(job).withIdentity(name, group).withDescription(description).storeDurably().build();
    }

    /**
     * Fires the job every interval, forever, under the job's own name; firings missed while no instance ran are
     * dropped rather than run in a burst.
     */
    public static Trigger every(JobDetail job, Duration interval) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName(), job.getKey().getGroup())
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(interval.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
