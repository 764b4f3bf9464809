package uk.hallmonitor.system.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How logins are checked.
 *
 * @param adminPassword       password of the first-run {@code admin} user ({@code HALLMONITOR_ADMIN_PASSWORD});
 *                            blank generates one and prints it once to the log
 * @param maxFailedLogins     failed logins for one username from one address before that pair is throttled
 * @param lockout             how long a throttled (username, address) pair must wait
 * @param trustedProxies      addresses or CIDR ranges of the reverse proxies whose {@code X-Forwarded-Proto} and
 *                            {@code X-Forwarded-For} are believed ({@code HALLMONITOR_TRUSTED_PROXIES}); empty
 *                            believes no forwarded header
 */
@ConfigurationProperties("hallmonitor.security")
public record SecurityProperties(
        /** Password of the first-run admin user; blank generates one. */ String adminPassword,
        /** Failed logins for one username from one address before that pair is throttled. */ Integer maxFailedLogins,
        /** How long a throttled (username, address) pair must wait. */ Duration lockout,
        /** Reverse proxies (addresses or CIDRs) whose X-Forwarded-* headers are believed. */ List<String> trustedProxies) {

    public SecurityProperties {
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        trustedProxies = trustedProxies == null ? List.of()
                : trustedProxies.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
