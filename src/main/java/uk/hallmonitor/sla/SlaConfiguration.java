package uk.hallmonitor.sla;

import java.time.Duration;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;

/** Wires the SLA: the shipped bank holidays, the default post reader, the indexes and the Quartz sweep. */
@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    private static final Duration INDEX_TIMEOUT = Duration.ofMinutes(2);

    @Bean
    BankHolidays bankHolidays(SlaProperties properties) {
        return BankHolidays.load(properties.bankHolidaysDir());
    }

    @Bean
    @ConditionalOnMissingBean(InboundPosts.class)
    InboundPosts mongoInboundPosts(ReactiveMongoTemplate mongo) {
        return new MongoInboundPosts(mongo);
    }

    /**
     * Creates the indexes and applies stored bank holiday uploads once every bean exists and before the scheduler
     * starts, so the first sweep already has both.
     */
    @Bean
    SmartInitializingSingleton slaStoreReady(ReactiveMongoTemplate mongo, BankHolidayStore holidays) {
        return () -> Flux.concat(
                        mongo.indexOps(ResponseClock.class).createIndex(
                                new Index().on("postId", Sort.Direction.ASC).unique().named("postId_unique")),
                        mongo.indexOps(ResponseClock.class).createIndex(new Index().on("state", Sort.Direction.ASC)
                                .on("nextActionAt", Sort.Direction.ASC).named("state_nextActionAt")),
                        mongo.indexOps(ResponseClock.class).createIndex(new Index().on("schoolId", Sort.Direction.ASC)
                                .on("state", Sort.Direction.ASC).on("dueAt", Sort.Direction.ASC)
                                .named("school_state_dueAt")),
                        mongo.indexOps(ResponseClock.class).createIndex(new Index().on("schoolId", Sort.Direction.ASC)
                                .on("receivedAt", Sort.Direction.ASC).named("school_receivedAt")),
                        mongo.indexOps(ResponseClock.class).createIndex(new Index().on("accountId", Sort.Direction.ASC)
                                .on("conversationId", Sort.Direction.ASC).named("account_conversation")),
                        mongo.indexOps(ResponseClock.class).createIndex(new Index().on("accountId", Sort.Direction.ASC)
                                .on("platformPostId", Sort.Direction.ASC).named("account_platformPostId")))
                .then(holidays.refresh())
                .block(INDEX_TIMEOUT);
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
