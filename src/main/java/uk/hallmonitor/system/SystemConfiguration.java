package uk.hallmonitor.system;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every module reads time from (tests replace it) and background scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    /**
     * The one clock, ticking in whole milliseconds: MongoDB stores dates to the millisecond, so every {@code Instant}
     * the service writes reads back equal, and no module truncates time itself.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
