package uk.hallmonitor.reports;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Schedules the check for due weekly reports (unless {@code hallmonitor.reports.deliver=false}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hallmonitor.reports.deliver", havingValue = "true", matchIfMissing = true)
class ReportsConfiguration {

    @Bean
    JobDetail weeklyReportJob() {
        return JobBuilder.newJob(WeeklyReportJob.class).withIdentity("weekly-report", "reports")
                .withDescription("delivers last week's leadership report to each school").storeDurably().build();
    }

    @Bean
    Trigger weeklyReportTrigger(JobDetail weeklyReportJob, ReportsProperties properties) {
        return TriggerBuilder.newTrigger().forJob(weeklyReportJob).withIdentity("weekly-report", "reports")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.checkEvery().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
