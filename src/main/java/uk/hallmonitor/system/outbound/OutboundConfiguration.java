package uk.hallmonitor.system.outbound;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one outbound policy of the instance, from {@code hallmonitor.outbound.allow}. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    @Bean
    OutboundPolicy outboundPolicy(OutboundProperties properties) {
        return OutboundPolicy.allowing(properties.allow());
    }
}
