package uk.hallmonitor.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quartz.JobDetail;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import reactor.core.publisher.Mono;

/** A repeated job waits for its work, leaves a failure to the next firing, and is fired under its own name. */
class RepeatedJobTests {

    static final AtomicInteger RUNS = new AtomicInteger();

    static class CountingJob extends RepeatedJob {
        CountingJob() {
            super(Duration.ofSeconds(5), "counting failed", () -> Mono.fromRunnable(RUNS::incrementAndGet));
        }
    }

    static class FailingJob extends RepeatedJob {
        FailingJob() {
            super(Duration.ofSeconds(5), "failing failed", () -> Mono.error(new IllegalStateException("down")));
        }
    }

    @Test
    void aFiringRunsTheWorkToItsEnd() {
        int before = RUNS.get();

        new CountingJob().execute(null);

        assertThat(RUNS.get()).isEqualTo(before + 1);
    }

    @Test
    void aFailureIsLeftToTheNextFiringRatherThanThrownAtQuartz() {
        assertThatCode(() -> new FailingJob().execute(null)).doesNotThrowAnyException();
    }

    @Test
    void theTriggerFiresTheStoredJobForeverAtTheIntervalUnderTheJobsName() {
        JobDetail job = RepeatedJob.detail(CountingJob.class, "counting", "tests", "counts firings");

        Trigger trigger = RepeatedJob.every(job, Duration.ofMinutes(15));

        assertThat(job.isDurable()).isTrue();
        assertThat(job.getDescription()).isEqualTo("counts firings");
        assertThat(trigger.getJobKey()).isEqualTo(job.getKey());
        assertThat(trigger.getKey().getName()).isEqualTo("counting");
        assertThat(trigger.getKey().getGroup()).isEqualTo("tests");
        SimpleTrigger simple = (SimpleTrigger) trigger;
        assertThat(simple.getRepeatInterval()).isEqualTo(Duration.ofMinutes(15).toMillis());
        assertThat(simple.getRepeatCount()).isEqualTo(SimpleTrigger.REPEAT_INDEFINITELY);
        assertThat(simple.getMisfireInstruction())
                .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT);
    }
}
