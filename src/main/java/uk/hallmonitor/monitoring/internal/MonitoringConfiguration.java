package uk.hallmonitor.monitoring.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.reactivestreams.ReactiveStreamsMongoLockProvider;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Wires polling: ShedLock on the {@code shedLock} collection, the poller, and a Quartz trigger
 * (RAM job store: every durable fact is in MongoDB) that runs a dispatch round every {@code dispatch-every}.
 * Quartz settings come from code defaults, then {@code scheduler/quartz.properties} in the working folder when it
 * exists, then {@code spring.quartz.properties.*}.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MonitoringConfiguration.class);
    static final Path QUARTZ_FILE = Path.of("scheduler", "quartz.properties");

    @Bean
    LockProvider pollLockProvider(ReactiveMongoTemplate mongo) {
        return new ReactiveStreamsMongoLockProvider(
                mongo.getCollection(SourceLocks.COLLECTION).block(Duration.ofSeconds(30)));
    }

    @Bean
    SourceLocks sourceLocks(LockProvider pollLockProvider, ReactiveMongoTemplate mongo,
                            MonitoringProperties properties) {
        // taking a lock is one short round trip: a fraction of the polls in flight need a thread at any moment
        return new SourceLocks(pollLockProvider, mongo, Math.max(4, Math.min(64, properties.concurrency())));
    }

    @Bean
    Cadence cadence(MonitoringProperties properties) {
        return new Cadence(properties, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Bean
    Poller poller(List<PlatformConnector> connectors, SourceStates states, PostStore posts, ReadCounts reads,
                  SourceLocks locks, AccountRegister register, DomainEvents events, Cadence cadence,
                  MonitoringProperties properties, ObjectProvider<PollFaults> faults, Clock clock) {
        return new Poller(connectors, states, posts, reads, locks, register, events, cadence, properties,
                faults.getIfAvailable(() -> PollFaults.NONE), clock);
    }

    /** The daily token check (expiry and permissions, with one notice before a token expires). */
    @Bean
    @ConditionalOnProperty(prefix = "hallmonitor.monitoring", name = "enabled", matchIfMissing = true)
    TokenChecks tokenChecks(AccountRegister register, uk.hallmonitor.connectors.Connectors connectors,
                            DomainEvents events, Clock clock, TokenCheckProperties properties) {
        return new TokenChecks(register, connectors, events, clock, properties.every(),
                Duration.ofDays(properties.noticeDaysBefore()));
    }

    @Bean
    @ConditionalOnProperty(prefix = "hallmonitor.monitoring", name = "enabled", matchIfMissing = true)
    JobDetail pollDispatchJob() {
        return JobBuilder.newJob(DispatchJob.class).withIdentity("poll-dispatch", "monitoring").storeDurably()
                .withDescription("polls every account and watch whose next poll is due").build();
    }

    @Bean
    @ConditionalOnProperty(prefix = "hallmonitor.monitoring", name = "enabled", matchIfMissing = true)
    Trigger pollDispatchTrigger(JobDetail pollDispatchJob, MonitoringProperties properties) {
        return TriggerBuilder.newTrigger().forJob(pollDispatchJob).withIdentity("poll-dispatch", "monitoring")
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(properties.dispatchEvery().toMillis()).repeatForever()
                        // a round that overran is not made up for: the next round finds everything still due
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .startNow().build();
    }

    @Bean
    SchedulerFactoryBeanCustomizer monitoringScheduler(QuartzProperties boot) {
        return factory -> {
            Properties merged = new Properties();
            merged.setProperty("org.quartz.threadPool.threadCount", "2");
            merged.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
            merged.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
            if (Files.isRegularFile(QUARTZ_FILE)) {
                try (InputStream in = Files.newInputStream(QUARTZ_FILE)) {
                    merged.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + QUARTZ_FILE.toAbsolutePath(), e);
                }
                log.info("Quartz settings from {}", QUARTZ_FILE.toAbsolutePath());
            }
            merged.putAll(boot.getProperties());
            factory.setQuartzProperties(merged);
            // Quartz keeps schedulers in a JVM-wide registry by name: a unique name lets several application
            // contexts (tests, two instances in one JVM) each run their own
            String name = boot.getSchedulerName() != null ? boot.getSchedulerName()
                    : "hallmonitor-" + UUID.randomUUID().toString().substring(0, 8);
            factory.setSchedulerName(name);
        };
    }

    /** Runs one dispatch round; Quartz never runs two at once, so rounds cannot pile up. */
    @DisallowConcurrentExecution
    static class DispatchJob implements Job {

        private final PollDispatcher dispatcher;
        private final MonitoringProperties properties;

        DispatchJob(PollDispatcher dispatcher, MonitoringProperties properties) {
            this.dispatcher = dispatcher;
            this.properties = properties;
        }

        @Override
        public void execute(JobExecutionContext context) {
            try {
                // a Quartz worker thread, not an event loop: waiting here is what keeps rounds from overlapping
                PollDispatcher.Round round = dispatcher.dispatch().block(properties.lockAtMostFor().multipliedBy(2));
                if (round != null && round.due() > 0) {
                    log.debug("poll round: {} due, {}", round.due(), round.outcomes());
                }
            } catch (RuntimeException e) {
                log.warn("poll round failed: {}", e.toString());
            }
        }
    }
}
