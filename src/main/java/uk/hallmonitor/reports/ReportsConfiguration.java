package uk.hallmonitor.reports;

import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.system.RepeatedJob;

/** Schedules the check for due weekly reports (unless {@code hallmonitor.reports.deliver=false}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hallmonitor.reports.deliver", havingValue = "true", matchIfMissing = true)
class ReportsConfiguration {

    @Bean
    JobDetail weeklyReportJob() {
        return RepeatedJob.detail(WeeklyReportJob.class, "weekly-report", "reports",
                "delivers last week's leadership report to each school");
    }

    @Bean
    Trigger weeklyReportTrigger(JobDetail weeklyReportJob, ReportsProperties properties) {
        return RepeatedJob.every(weeklyReportJob, properties.checkEvery());
    }
}
