package uk.hallmonitor.accounts.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.applications.ApplicationApproved;
import uk.hallmonitor.applications.ApprovedApplications;
import uk.hallmonitor.schools.StaffLeft;
import uk.hallmonitor.system.events.DomainEventListener;

/**
 * Keeps the register in step with approvals and leavers: at once through events, and again from the store at start
 * and every hour (so an approval or a leaver whose event was lost to a crash is still acted on, and runners whose
 * training lapsed are noticed).
 */
@Component
record AccountsListeners(Accounts accounts, ApprovedApplications approved) {

    private static final Logger log = LoggerFactory.getLogger(AccountsListeners.class);

    @org.springframework.context.annotation.Bean
    DomainEventListener<ApplicationApproved> openAccountOnApproval() {
        return event -> accounts.open(event).then();
    }

    @org.springframework.context.annotation.Bean
    DomainEventListener<StaffLeft> recheckAccountsOfLeaver() {
        return event -> accounts.runnerLeft(event.staffId(), event.recordedBy());
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        reconcile();
    }

    @Scheduled(fixedDelayString = "${hallmonitor.accounts.recheck-every:PT1H}", initialDelayString = "PT5M")
    void reconcile() {
        approved.all().concatMap(accounts::open).then(accounts.recheckAll())
                .onErrorResume(e -> {
                    log.warn("account reconciliation failed: {}", e.toString());
                    return Mono.empty();
                })
                .subscribe();
    }
}
