package uk.hallmonitor.moderation.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.HallmonitorApplication;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.system.Platform;

/**
 * A CRITICAL safeguarding alert in a service with no mail server: it is in the app at once (the feed, the DSL's
 * fall-through, the banner), nobody acknowledges it, it goes to the deputy DSL at 15 minutes, the service is stopped
 * and started again, and it goes to the head teacher at 30: each step exactly once, however many sweeps race.
 */
class EscalationRestartTests {

    private final MutableClock clock = new MutableClock(AppTestSupport.START);

    @Test
    @SuppressWarnings("unchecked")
    void aCriticalAlertWithNoMailServerIsInTheAppAndClimbsToTheDeputyAndTheHeadOnceEachAcrossARestart()
            throws IOException {
        Path data = Files.createTempDirectory("escalation-restart");
        AppTestSupport.ActiveAccount school;
        AppTestSupport.Person deputy;
        AppTestSupport.Person head;
        String postId;

        try (ConfigurableApplicationContext first = start(data)) {
            Fixtures fixtures = new Fixtures(first, clock);
            school = fixtures.account();
            deputy = fixtures.staff(school.schoolId(), "DEPUTY_DSL");
            head = fixtures.staff(school.schoolId(), "HEADTEACHER");
            postId = arrive(first, school, "I want to kill myself");
            WebTestClient dsl = fixtures.client(school.dsl());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<Map<String, Object>> sent = alerts(dsl, school.schoolId());
                // the DSL's email could not go: kept as undeliverable with the reason, and fallen through to the app
                assertThat(sent).anySatisfy(alert -> assertThat(alert)
                        .containsEntry("channel", "EMAIL").containsEntry("recipientStaffId", school.dsl().id())
                        .containsEntry("state", "UNDELIVERABLE")
                        .hasEntrySatisfying("lastError", error -> assertThat((String) error)
                                .contains("no mail server configured")));
                assertThat(sent).anySatisfy(alert -> assertThat(alert)
                        .containsEntry("channel", "FEED").containsEntry("recipientStaffId", school.dsl().id())
                        .containsEntry("source", "post:" + postId));
            });
            Map<String, Object> raised = safeguardingAlert(dsl, postId);
            assertThat(raised.get("reachedOutside")).isEqualTo(false);
            assertThat(raised.get("state")).isEqualTo("UNACKNOWLEDGED");
            String page = dsl.get().uri("/ui/safeguarding-alerts").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(page).contains("CRITICAL safeguarding alert, not delivered by email, Teams or Slack")
                    .contains("/ui/safeguarding-alerts/" + postId + "/acknowledgement");

            clock.set(AppTestSupport.START.plus(Duration.ofMinutes(15)).plusSeconds(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    (List<?>) safeguardingAlert(dsl, postId).get("escalations")).hasSize(1));
            assertThat(safeguardingAlert(dsl, postId).get("reached")).isEqualTo("DEPUTY_DSL");
        }

        clock.set(AppTestSupport.START.plus(Duration.ofMinutes(30)).plusSeconds(1));
        try (ConfigurableApplicationContext second = start(data)) {
            Fixtures fixtures = new Fixtures(second, clock);
            WebTestClient dsl = fixtures.client(school.dsl());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    (List<?>) safeguardingAlert(dsl, postId).get("escalations")).hasSize(2));
            // sweeps racing, as several instances would
            Escalations sweep = second.getBean(Escalations.class);
            Mono.zip(sweep.sweep(), sweep.sweep(), sweep.sweep()).block();

            Map<String, Object> climbed = safeguardingAlert(dsl, postId);
            List<Map<String, Object>> steps = (List<Map<String, Object>>) climbed.get("escalations");
            assertThat(steps).extracting(step -> step.get("level")).containsExactly("DEPUTY_DSL", "HEADTEACHER");
            assertThat(steps.get(0).get("staffIds")).isEqualTo(List.of(deputy.id()));
            assertThat(steps.get(1).get("staffIds")).isEqualTo(List.of(head.id()));
            assertThat(steps.get(0).get("dueAt")).isEqualTo(AppTestSupport.START.plus(Duration.ofMinutes(15))
                    .toString());
            assertThat(steps.get(1).get("dueAt")).isEqualTo(AppTestSupport.START.plus(Duration.ofMinutes(30))
                    .toString());
            assertThat(climbed.get("nextEscalationAt")).isNull();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                List<Map<String, Object>> sent = alerts(dsl, school.schoolId());
                assertThat(about(sent, postId, "DEPUTY_DSL")).containsExactlyInAnyOrder(
                        "EMAIL " + deputy.id(), "FEED " + deputy.id(), "FEED null");
                assertThat(about(sent, postId, "HEADTEACHER")).containsExactlyInAnyOrder(
                        "EMAIL " + head.id(), "FEED " + head.id(), "FEED null");
            });
        }
    }

    /** {@code CHANNEL recipientStaffId} of every alert of one escalation step. */
    private static List<String> about(List<Map<String, Object>> alerts, String postId, String level) {
        return alerts.stream().filter(alert -> ("post:" + postId + ":escalated:" + level).equals(alert.get("source")))
                .map(alert -> alert.get("channel") + " " + alert.get("recipientStaffId")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(WebTestClient reader, String schoolId) {
        Map<String, Object> page = reader.get().uri("/api/v1/alerts?schoolId={s}&size=200", schoolId).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> safeguardingAlert(WebTestClient reader, String postId) {
        return reader.get().uri("/api/v1/safeguarding-alerts/{id}", postId).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Stores a post through the service's real post store, as a poll would; it is announced and triaged. */
    private String arrive(ConfigurableApplicationContext context, AppTestSupport.ActiveAccount school, String text) {
        return ModerationAppTestSupport.arrive(context, school.schoolId(), school.accountId(), text, Platform.X,
                clock.instant());
    }

    private ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(HallmonitorApplication.class, ModerationAppTestSupport.Fakes.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("escalationRestartExcludesTestClasses",
                            new TestClasses());
                    context.addBeanFactoryPostProcessor(beans -> {
                        BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beans;
                        registry.removeBeanDefinition("clock");
                        registry.registerBeanDefinition("clock", new RootBeanDefinition(Clock.class, () -> clock));
                    });
                })
                // no spring.mail.host: this service has no mail server, as on a fresh install
                .run("--hallmonitor.store.data-dir=" + data, "--hallmonitor.store.mongodb-uri=",
                        "--hallmonitor.security.admin-password=" + AppTestSupport.ADMIN_PASSWORD, "--server.port=0",
                        "--hallmonitor.moderation.escalation-sweep-every=200ms",
                        "--hallmonitor.moderation.dispatch-every=200ms", "--hallmonitor.sla.sweep-interval=1h",
                        "--hallmonitor.reports.deliver=false");
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
            return activeAccount("X", "5501", null);
        }

        Person staff(String schoolId, String role) {
            return newStaff(schoolId, role);
        }

        WebTestClient client(Person person) {
            return as(person);
        }
    }
}
