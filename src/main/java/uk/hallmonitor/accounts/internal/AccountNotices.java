package uk.hallmonitor.accounts.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.accounts.AccountNeedsRunner;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.security.Role;

/**
 * Turns the account register's events into {@link Notices} for the people who must act: one bean per event type. Each
 * dedup key names the episode, so a repeated event (another instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class AccountNotices {

    @Bean
    DomainEventListener<AccountNeedsRunner> accountNeedsRunnerNotice(Notices notices, Clock clock) {
        return event -> notices.notify(needsRunner(event, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }

    /** SLT must name more runners or close the account: once per account and day. */
    static Notice needsRunner(AccountNeedsRunner event, LocalDate day) {
        return new Notice(event.schoolId(), Set.of(Role.SLT), List.of(),
                "Account " + event.handle() + " needs a runner",
                "The account " + event.handle() + " has fewer than two current runners ("
                        + event.reason() + "). Name another trained runner or close the account.",
                "account-needs-runner:" + event.accountId() + ":" + day, false);
    }
}
