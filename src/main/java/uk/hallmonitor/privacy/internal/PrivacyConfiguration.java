package uk.hallmonitor.privacy.internal;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.privacy.PrivacyProperties;

/**
 * Schedules the retention purge and the sweep for subject requests left unfinished by a restart (unless
 * {@code hallmonitor.privacy.purge=false}, as in tests, which call them).
 */
@Configuration(proxyBeanMethods = false)
// the offline commands (audit-verify, vault-rewrap) start the application without a web server: no purge there
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "hallmonitor.privacy.purge", havingValue = "true", matchIfMissing = true)
class PrivacyConfiguration {

    @Bean
    JobDetail retentionPurgeJob() {
        return JobBuilder.newJob(PurgeJob.class).withIdentity("retention-purge", "privacy")
                .withDescription("purges collected data past each school's retention").storeDurably().build();
    }

    @Bean
    Trigger retentionPurgeTrigger(JobDetail retentionPurgeJob, PrivacyProperties properties) {
        return TriggerBuilder.newTrigger().forJob(retentionPurgeJob).withIdentity("retention-purge", "privacy")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.purgeEvery().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    @Bean
    JobDetail subjectRequestSweepJob() {
        return JobBuilder.newJob(RequestSweepJob.class).withIdentity("subject-request-sweep", "privacy")
                .withDescription("answers subject requests a restart left unfinished").storeDurably().build();
    }

    @Bean
    Trigger subjectRequestSweepTrigger(JobDetail subjectRequestSweepJob, PrivacyProperties properties) {
        return TriggerBuilder.newTrigger().forJob(subjectRequestSweepJob).withIdentity("subject-request-sweep",
                        "privacy")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.requestSweepEvery().toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }
}
