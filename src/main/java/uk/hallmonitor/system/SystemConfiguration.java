package uk.hallmonitor.system;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every module reads time from (tests replace it) and background scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
