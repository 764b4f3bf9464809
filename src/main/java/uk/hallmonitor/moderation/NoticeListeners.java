package uk.hallmonitor.moderation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.accounts.AccountNeedsRunner;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.sla.ClockBreached;
import uk.hallmonitor.sla.ReminderDue;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialRotationDue;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.security.Role;

/**
 * Turns other modules' events into {@link Notices}. Each dedup key names the episode, so a repeated event (another
 * instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class NoticeListeners {

    /** SLT must name more runners or close the account. */
    @Bean
    DomainEventListener<AccountNeedsRunner> accountNeedsRunnerNotice(Notices notices, Clock clock) {
        return new AccountNeedsRunnerNotice(notices, clock);
    }

    /** The administrators (and the school's SLT) hear that a connection stopped working. */
    @Bean
    DomainEventListener<ConnectionFailing> connectionFailingNotice(Notices notices) {
        return new ConnectionFailingNotice(notices);
    }

    /** The runners hear before a reply falls due (24-hour rule). */
    @Bean
    DomainEventListener<ReminderDue> reminderDueNotice(Notices notices) {
        return new ReminderDueNotice(notices);
    }

    /** SLT and the runners hear when a reply was not made in time. */
    @Bean
    DomainEventListener<ClockBreached> clockBreachedNotice(Notices notices) {
        return new ClockBreachedNotice(notices);
    }

    /** The administrators, SLT and the DSL hear at once when the head teacher used break-glass access to a credential. */
    @Bean
    DomainEventListener<BreakGlassUsed> breakGlassNotice(Notices notices) {
        return new BreakGlassNotice(notices);
    }

    /** The administrators hear when a credential must be changed (too old, or someone who knew it left). */
    @Bean
    DomainEventListener<CredentialRotationDue> rotationDueNotice(Notices notices) {
        return new RotationDueNotice(notices);
    }

    /** Listener for {@link BreakGlassUsed}. */
    @Bean
    DomainEventListener<uk.hallmonitor.monitoring.AccessTokenExpiring> accessTokenExpiringNotice(Notices notices) {
        return new AccessTokenExpiringNotice(notices);
    }

    /**
     * Listener for {@link uk.hallmonitor.monitoring.AccessTokenExpiring}: the account's runners and the school's
     * admins, once per account and expiry day (the notice's dedup key).
     */
    static final class AccessTokenExpiringNotice
            implements DomainEventListener<uk.hallmonitor.monitoring.AccessTokenExpiring> {
        private final Notices notices;

        AccessTokenExpiringNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(uk.hallmonitor.monitoring.AccessTokenExpiring e) {
            String platform = new uk.hallmonitor.system.web.PlatformNames().name(e.platform());
            return notices.notify(new Notice(e.schoolId(), Set.of(Role.ADMIN), e.runnerIds(),
                    "Reconnect the school's " + platform + " account",
                    "On " + platform + " (account " + e.accountId() + "): " + e.words() + ". Until then Hallmonitor"
                            + " keeps reading it; after that it stops seeing new comments there.",
                    e.noticeKey(), false));
        }
    }

    static final class BreakGlassNotice implements DomainEventListener<BreakGlassUsed> {
        private final Notices notices;

        BreakGlassNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(BreakGlassUsed e) {
            return notices.notify(new Notice(e.schoolId(), Set.of(Role.ADMIN), e.notifyStaffIds(),
                    "Break-glass use of a credential",
                    e.username() + " revealed the credential '" + e.secretName() + "' of account " + e.accountId()
                            + " at " + e.at() + ". Reason given: " + e.reason(),
                    "break-glass:" + e.accountId() + ":" + e.secretName() + ":" + e.at().toEpochMilli(), true));
        }
    }

    /** Listener for {@link CredentialRotationDue}. */
    static final class RotationDueNotice implements DomainEventListener<CredentialRotationDue> {
        private final Notices notices;

        RotationDueNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(CredentialRotationDue e) {
            return notices.notify(new Notice(e.schoolId(), Set.of(Role.ADMIN), java.util.List.of(),
                    "Change the credential '" + e.secretName() + "' of account " + e.accountId(),
                    "The credential '" + e.secretName() + "' of account " + e.accountId() + " is due to be changed: "
                            + e.reason().detail() + ".. Change it on the platform, then store the new value in Hallmonitor.",
                    "rotation-due:" + e.accountId() + ":" + e.secretName() + ":" + e.reason().code() + ":"
                            + e.reason().since().toEpochMilli(), false));
        }
    }

    /** Listener for {@link ReminderDue}. */
    static final class ReminderDueNotice implements DomainEventListener<ReminderDue> {
        private final Notices notices;

        ReminderDueNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(ReminderDue e) {
            return notices.notify(Notice.toStaff(e.schoolId(), e.runnerIds(),
                    "Reply due by " + e.dueAt() + " on " + e.platform(),
                    "A comment on the school's " + e.platform() + " account needs a reply by " + e.dueAt()
                            + " (policy: within 24 hours, or the next working day if it came at a weekend; an "
                            + "acknowledgement is enough). Open the moderation queue: post " + e.postId() + ".",
                    "sla:" + e.noticeId()));
        }
    }

    /** Listener for {@link ClockBreached}. */
    static final class ClockBreachedNotice implements DomainEventListener<ClockBreached> {
        private final Notices notices;

        ClockBreachedNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(ClockBreached e) {
            java.util.List<String> recipients = new java.util.ArrayList<>(e.sltIds());
            e.runnerIds().stream().filter(id -> !recipients.contains(id)).forEach(recipients::add);
            return notices.notify(new Notice(e.schoolId(), Set.of(), recipients,
                    "Missed the 24-hour reply on " + e.platform(),
                    "A comment received " + e.receivedAt() + " on the school's " + e.platform()
                            + " account was not answered by " + e.dueAt() + ". Post " + e.postId() + ".",
                    "sla:" + e.noticeId(), true));
        }
    }

    /** Listener for {@link AccountNeedsRunner}. */
    static final class AccountNeedsRunnerNotice implements DomainEventListener<AccountNeedsRunner> {
        private final Notices notices;
        private final Clock clock;

        AccountNeedsRunnerNotice(Notices notices, Clock clock) {
            this.notices = notices;
            this.clock = clock;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(AccountNeedsRunner event) {
            LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            return notices.notify(new Notice(event.schoolId(), Set.of(Role.SLT), java.util.List.of(),
                    "Account " + event.handle() + " needs a runner",
                    "The account " + event.handle() + " has fewer than two current runners ("
                            + event.reason() + "). Name another trained runner or close the account.",
                    "account-needs-runner:" + event.accountId() + ":" + day, false));
        }
    }

    /** Listener for {@link ConnectionFailing}. */
    static final class ConnectionFailingNotice implements DomainEventListener<ConnectionFailing> {
        private final Notices notices;

        ConnectionFailingNotice(Notices notices) {
            this.notices = notices;
        }

        @Override
        public reactor.core.publisher.Mono<Void> on(ConnectionFailing event) {
            String what = event.accountId() != null ? "account " + event.accountId() : "watch " + event.watchId();
            String why = event.unauthorized() ? "the platform refused our credentials (expired or revoked token)"
                    : "it has failed " + event.consecutiveFailures() + " times since " + event.failingSince();
            return notices.notify(new Notice(event.schoolId(), Set.of(Role.ADMIN, Role.SLT), java.util.List.of(),
                    "Monitoring of " + event.platform() + " " + what + " is failing",
                    "Hallmonitor cannot read " + event.platform() + " for " + what + ": " + why
                            + ". Last error: " + event.lastError() + ". Posts are not being collected until it is "
                            + "fixed.",
                    "connection-failing:" + what + ":" + event.failingSince().toEpochMilli(), true));
        }
    }
}
