package uk.hallmonitor.system.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How logins are checked.
 *
 * @param adminPassword       password of the first-run {@code admin} user ({@code HALLMONITOR_ADMIN_PASSWORD});
 *                            blank generates one and prints it once to the log
 * @param maxFailedLogins     failed logins for one username before it is throttled
 * @param lockout             how long a throttled username must wait
 */
@ConfigurationProperties("hallmonitor.security")
public record SecurityProperties(
        /** Password of the first-run admin user; blank generates one. */ String adminPassword,
        /** Failed logins for one username before it is throttled. */ Integer maxFailedLogins,
        /** How long a throttled username must wait. */ Duration lockout) {

    public SecurityProperties {
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
    }
}
