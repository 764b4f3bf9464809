package uk.hallmonitor.accounts;

import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules of the account register.
 *
 * @param dormantAfter  no activity for this long flags an account for review (a school year by default)
 * @param recheckEvery  how often runners' training and acknowledgements are re-checked
 */
@ConfigurationProperties("hallmonitor.accounts")
public record AccountsProperties(
        /** No activity for this long flags an account for review. */ Period dormantAfter,
        /** How often runners' training and acknowledgements are re-checked. */ Duration recheckEvery) {

    public AccountsProperties {
        dormantAfter = dormantAfter == null ? Period.ofDays(365) : dormantAfter;
        recheckEvery = recheckEvery == null ? Duration.ofHours(1) : recheckEvery;
    }
}
