package uk.hallmonitor.privacy.internal;

import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.privacy.PrivacyProperties;
import uk.hallmonitor.system.RepeatedJob;

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
        return RepeatedJob.detail(PurgeJob.class, "retention-purge", "privacy",
                "purges collected data past each school's retention");
    }

    @Bean
    Trigger retentionPurgeTrigger(JobDetail retentionPurgeJob, PrivacyProperties properties) {
        return RepeatedJob.every(retentionPurgeJob, properties.purgeEvery());
    }

    @Bean
    JobDetail subjectRequestSweepJob() {
        return RepeatedJob.detail(RequestSweepJob.class, "subject-request-sweep", "privacy",
                "answers subject requests a restart left unfinished");
    }

    @Bean
    Trigger subjectRequestSweepTrigger(JobDetail subjectRequestSweepJob, PrivacyProperties properties) {
        return RepeatedJob.every(subjectRequestSweepJob, properties.requestSweepEvery());
    }
}
