package uk.hallmonitor.sla.internal;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.sla.calendar.BankHolidayStore;

/** Wires the SLA: the stored bank holidays at start and the Quartz sweep (the shipped ones: {@code sla.calendar}). */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    /** Applies stored bank holiday uploads before the scheduler starts, so the first sweep already has them. */
    @Bean
    SmartInitializingSingleton slaBankHolidaysAtStart(BankHolidayStore holidays) {
        return () -> holidays.refresh().block(STARTUP_TIMEOUT);
    }

    @Bean
    JobDetail slaSweepJob() {
        return JobBuilder.newJob(SlaSweepJob.class).withIdentity("sla-sweep", "sla")
                .withDescription("reminds runners, escalates breaches, clocks posts the events missed")
                .storeDurably().build();
    }

    @Bean
    Trigger slaSweepTrigger(JobDetail slaSweepJob, SlaProperties properties) {
        return TriggerBuilder.newTrigger().forJob(slaSweepJob).withIdentity("sla-sweep", "sla")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.sweepInterval().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
