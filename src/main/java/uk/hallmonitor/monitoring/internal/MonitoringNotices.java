package uk.hallmonitor.monitoring.internal;

import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.monitoring.AccessTokenExpiring;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PlatformNames;

/**
 * Turns monitoring's events into {@link Notices} for the people who must act: one bean per event type. Each dedup key
 * names the episode, so a repeated event (another instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class MonitoringNotices {

    @Bean
    DomainEventListener<ConnectionFailing> connectionFailingNotice(Notices notices) {
        return event -> notices.notify(connectionFailing(event));
    }

    @Bean
    DomainEventListener<AccessTokenExpiring> accessTokenExpiringNotice(Notices notices) {
        return event -> notices.notify(accessTokenExpiring(event));
    }

    /** The administrators (and the school's SLT) hear that a connection stopped working. */
    static Notice connectionFailing(ConnectionFailing event) {
        String what = event.accountId() != null ? "account " + event.accountId() : "watch " + event.watchId();
        String why = event.unauthorized() ? "the platform refused our credentials (expired or revoked token)"
                : "it has failed " + event.consecutiveFailures() + " times since " + event.failingSince();
        return new Notice(event.schoolId(), Set.of(Role.ADMIN, Role.SLT), List.of(),
                "Monitoring of " + event.platform() + " " + what + " is failing",
                "Hallmonitor cannot read " + event.platform() + " for " + what + ": " + why
                        + ". Last error: " + event.lastError() + ". Posts are not being collected until it is "
                        + "fixed.",
                "connection-failing:" + what + ":" + event.failingSince().toEpochMilli(), true);
    }

    /** The account's runners and the school's admins, once per account and expiry day (the notice's dedup key). */
    static Notice accessTokenExpiring(AccessTokenExpiring e) {
        String platform = new PlatformNames().name(e.platform());
        return new Notice(e.schoolId(), Set.of(Role.ADMIN), e.runnerIds(),
                "Reconnect the school's " + platform + " account",
                "On " + platform + " (account " + e.accountId() + "): " + e.words() + ". Until then Hallmonitor"
                        + " keeps reading it; after that it stops seeing new comments there.",
                e.noticeKey(), false);
    }
}
