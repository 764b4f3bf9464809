package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Quartz trigger drives polling on its own, at the configured cadence, with the real clock. */
class QuartzDispatchTests {

    @Test
    void theSchedulerPollsDueSourcesAgainAndAgainWithoutBeingAsked() {
        FakePlatform platform = new FakePlatform();
        platform.perPoll = 2;
        platform.feedLength = 6;
        FakeRegister register = new FakeRegister();
        register.add("scheduled", "school1");
        try (MonitoringInstance.SharedStore store = new MonitoringInstance.SharedStore();
             MonitoringInstance app = MonitoringInstance.start(store, platform, register,
                     Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)), null,
                     "--hallmonitor.monitoring.enabled=true",
                     "--hallmonitor.monitoring.dispatch-every=200ms",
                     "--hallmonitor.monitoring.poll-interval=1s")) {

            await().atMost(Duration.ofMinutes(2))
                    .untilAsserted(() -> assertThat(platform.positionsFetched("scheduled")).startsWith(0, 2, 4, 6));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(app.received.events).hasSize(6));
            assertThat(platform.overlaps.get()).isZero();
        }
    }
}
