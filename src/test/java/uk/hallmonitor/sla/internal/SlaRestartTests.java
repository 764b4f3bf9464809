package uk.hallmonitor.sla.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.HallmonitorApplication;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.internal.StoredPosts;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.ReminderDue;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEventListener;

/**
 * The service is stopped with clocks open and started again after a reminder time has passed: the reminder goes
 * exactly once, and two sweeps racing (as two instances would) do not send the next one twice.
 */
class SlaRestartTests {

    /** Every reminder published, across both runs of the service. */
    static final List<ReminderDue> REMINDERS = new CopyOnWriteArrayList<>();

    private final MutableClock clock = new MutableClock(AppTestSupport.START);

    @Test
    void aReminderDueWhileTheServiceWasDownGoesExactlyOnceAfterTheRestart() throws IOException {
        Path data = Files.createTempDirectory("sla-restart");
        String postId = UUID.randomUUID().toString();
        Instant due = AppTestSupport.START.plus(Duration.ofHours(24));

        try (ConfigurableApplicationContext first = start(data)) {
            AppTestSupport.ActiveAccount account = new Fixtures(first, clock).account();
            first.getBean(ResponseClocks.class).take(StoredPosts.announcement(postId, account.schoolId(),
                    account.accountId(), Platform.X, PostKind.COMMENT, "p-1", "c-1", null,
                    AppTestSupport.START, AppTestSupport.START.plusSeconds(30)).post()).block();
            first.getBean(ClockSweep.class).run().block();
            assertThat(clockOf(first, postId).state()).isEqualTo(ClockState.OPEN);
        }
        assertThat(REMINDERS).isEmpty();

        clock.set(due.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(30)));
        try (ConfigurableApplicationContext second = start(data)) {
            ClockSweep sweep = second.getBean(ClockSweep.class);
            sweep.run().block();
            sweep.run().block();
            ResponseClock reminded = clockOf(second, postId);
            assertThat(reminded.remindersSent()).containsExactly("PT4H");
            assertThat(reminded.notices()).hasSize(1);
            assertThat(reminded.notices().get(0).recipients()).hasSize(2);
            assertThat(REMINDERS).extracting(ReminderDue::noticeId).containsExactly(reminded.id() + "/PT4H");

            clock.set(due.minus(Duration.ofMinutes(55)));
            Mono.zip(sweep.run(), sweep.run(), sweep.run()).block();
            assertThat(clockOf(second, postId).remindersSent()).containsExactly("PT4H", "PT1H");
            assertThat(REMINDERS).extracting(ReminderDue::before)
                    .containsExactly(Duration.ofHours(4), Duration.ofHours(1));
        }
    }

    private ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(HallmonitorApplication.class, ReminderProbe.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("slaRestartExcludesTestClasses", new TestClasses());
                    context.addBeanFactoryPostProcessor(beans -> {
                        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
                        registry.removeBeanDefinition("clock");
                        registry.registerBeanDefinition("clock", new RootBeanDefinition(Clock.class, () -> clock));
                    });
                })
                // arguments, not default properties: they must win over application.yml
                .run("--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                        "--hallmonitor.security.admin-password=" + AppTestSupport.ADMIN_PASSWORD, "--server.port=0",
                        // the job's own runs would race the test's sweeps; that race is tested on purpose below
                        "--hallmonitor.sla.sweep-interval=1h");
    }

    private static ResponseClock clockOf(ConfigurableApplicationContext context, String postId) {
        return context.getBean(ReactiveMongoTemplate.class)
                .findOne(Query.query(Criteria.where("postId").is(postId)), ResponseClock.class).block();
    }

    /** Counts the reminders each run of the service publishes. */
    @Configuration(proxyBeanMethods = false)
    static class ReminderProbe {

        @Bean
        DomainEventListener<ReminderDue> reminderProbe() {
            return reminder -> Mono.fromRunnable(() -> REMINDERS.add(reminder));
        }
    }

    /** Keeps the other tests' configurations (test clocks, probes) out of this service's component scan. */
    static class TestClasses extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClasses;
        }

        @Override
        public int hashCode() {
            return TestClasses.class.hashCode();
        }
    }

    /** The shared fixtures of the full-app tests, pointed at a service this test started itself. */
    static class Fixtures extends AppTestSupport {

        Fixtures(ConfigurableApplicationContext context, MutableClock clock) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            this.web = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                    .responseTimeout(Duration.ofSeconds(60)).build();
            this.clock = clock;
        }

        ActiveAccount account() {
            return activeAccount("X", "3001", null);
        }
    }
}
