package uk.hallmonitor.monitoring.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The daily check of platform tokens (Facebook and Instagram Page tokens, through Meta's {@code debug_token}).
 *
 * @param every            how often every monitored account's token is checked (default a day)
 * @param noticeDaysBefore how many days before a token expires its runners and the school's admins are told, once
 *                         (default 7)
 */
@ConfigurationProperties("hallmonitor.monitoring.token-check")
public record TokenCheckProperties(Duration every, Integer noticeDaysBefore) {

    public TokenCheckProperties {
        every = every == null ? Duration.ofDays(1) : every;
        noticeDaysBefore = noticeDaysBefore == null ? 7 : noticeDaysBefore;
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("hallmonitor.monitoring.token-check.every must be positive");
        }
        if (noticeDaysBefore < 0) {
            throw new IllegalArgumentException("hallmonitor.monitoring.token-check.notice-days-before must be 0 or"
                    + " more");
        }
    }
}
