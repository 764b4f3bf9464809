package uk.hallmonitor.system.outbound;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's exceptions to the outbound URL policy.
 *
 * @param allow hosts, {@code host:port} pairs or CIDR networks (e.g. {@code 127.0.0.1,10.20.0.0/16}) that the service
 *              may call although they are loopback, private or link-local; plain http is allowed to them too
 */
@ConfigurationProperties("hallmonitor.outbound")
public record OutboundProperties(
        /** Hosts, host:port pairs or CIDRs that may be called although internal; also allows plain http to them. */
        List<String> allow) {

    public OutboundProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
    }
}
