package uk.hallmonitor.moderation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.accounts.AccountNeedsRunner;
import uk.hallmonitor.monitoring.AccessTokenExpiring;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.sla.ClockBreached;
import uk.hallmonitor.sla.ReminderDue;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialRotationDue;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PlatformNames;

/**
 * Turns other modules' events into {@link Notices}: one line per event type, each a bean whose listener hands the
 * notice its function makes to {@link Notices#notify}. Each dedup key names the episode, so a repeated event (another
 * instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class NoticeListeners {

    @Bean
    DomainEventListener<AccountNeedsRunner> accountNeedsRunnerNotice(Notices notices, Clock clock) {
        return event -> notices.notify(needsRunner(event, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }

    @Bean
    DomainEventListener<ConnectionFailing> connectionFailingNotice(Notices notices) {
        return event -> notices.notify(connectionFailing(event));
    }

    @Bean
    DomainEventListener<ReminderDue> reminderDueNotice(Notices notices) {
        return event -> notices.notify(reminderDue(event));
    }

    @Bean
    DomainEventListener<ClockBreached> clockBreachedNotice(Notices notices) {
        return event -> notices.notify(clockBreached(event));
    }

    @Bean
    DomainEventListener<BreakGlassUsed> breakGlassNotice(Notices notices) {
        return event -> notices.notify(breakGlass(event));
    }

    @Bean
    DomainEventListener<CredentialRotationDue> rotationDueNotice(Notices notices) {
        return event -> notices.notify(rotationDue(event));
    }

    @Bean
    DomainEventListener<AccessTokenExpiring> accessTokenExpiringNotice(Notices notices) {
        return event -> notices.notify(accessTokenExpiring(event));
    }

    /** SLT must name more runners or close the account: once per account and day. */
    static Notice needsRunner(AccountNeedsRunner event, LocalDate day) {
        return new Notice(event.schoolId(), Set.of(Role.SLT), List.of(),
                "Account " + event.handle() + " needs a runner",
                "The account " + event.handle() + " has fewer than two current runners ("
                        + event.reason() + "). Name another trained runner or close the account.",
                "account-needs-runner:" + event.accountId() + ":" + day, false);
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

    /** The runners hear before a reply falls due. */
    static Notice reminderDue(ReminderDue e) {
        return Notice.toStaff(e.schoolId(), e.runnerIds(),
                "Reply due by " + e.dueAt() + " on " + e.platform(),
                "A comment on the school's " + e.platform() + " account needs a reply by " + e.dueAt()
                        + " (the school's reply window, counted in working time; an acknowledgement is enough)."
                        + " Open the moderation queue: post " + e.postId() + ".",
                "sla:" + e.noticeId());
    }

    /** SLT and the runners hear when a reply was not made in time. */
    static Notice clockBreached(ClockBreached e) {
        List<String> recipients = new ArrayList<>(e.sltIds());
        e.runnerIds().stream().filter(id -> !recipients.contains(id)).forEach(recipients::add);
        return new Notice(e.schoolId(), Set.of(), recipients,
                "Missed the reply window on " + e.platform(),
                "A comment received " + e.receivedAt() + " on the school's " + e.platform()
                        + " account was not answered by " + e.dueAt() + ". Post " + e.postId() + ".",
                "sla:" + e.noticeId(), true);
    }

    /** The administrators, SLT and the DSL hear at once when the head teacher used break-glass access. */
    static Notice breakGlass(BreakGlassUsed e) {
        return new Notice(e.schoolId(), Set.of(Role.ADMIN), e.notifyStaffIds(),
                "Break-glass use of a credential",
                e.username() + " revealed the credential '" + e.secretName() + "' of account " + e.accountId()
                        + " at " + e.at() + ". Reason given: " + e.reason(),
                "break-glass:" + e.accountId() + ":" + e.secretName() + ":" + e.at().toEpochMilli(), true);
    }

    /** The administrators hear when a credential must be changed (too old, or someone who knew it left). */
    static Notice rotationDue(CredentialRotationDue e) {
        return new Notice(e.schoolId(), Set.of(Role.ADMIN), List.of(),
                "Change the credential '" + e.secretName() + "' of account " + e.accountId(),
                "The credential '" + e.secretName() + "' of account " + e.accountId() + " is due to be changed: "
                        + e.reason().detail() + ".. Change it on the platform, then store the new value in Hallmonitor.",
                "rotation-due:" + e.accountId() + ":" + e.secretName() + ":" + e.reason().code() + ":"
                        + e.reason().since().toEpochMilli(), false);
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
