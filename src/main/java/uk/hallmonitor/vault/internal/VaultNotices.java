package uk.hallmonitor.vault.internal;

import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialRotationDue;

/**
 * Turns the vault's events into {@link Notices} for the people who must act: one bean per event type. Each dedup key
 * names the episode, so a repeated event (another instance, a retry) reaches nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class VaultNotices {

    @Bean
    DomainEventListener<BreakGlassUsed> breakGlassNotice(Notices notices) {
        return event -> notices.notify(breakGlass(event));
    }

    @Bean
    DomainEventListener<CredentialRotationDue> rotationDueNotice(Notices notices) {
        return event -> notices.notify(rotationDue(event));
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
                        + e.reason().detail()
                        + ".. Change it on the platform, then store the new value in Hallmonitor.",
                "rotation-due:" + e.accountId() + ":" + e.secretName() + ":" + e.reason().code() + ":"
                        + e.reason().since().toEpochMilli(),
                false);
    }
}
