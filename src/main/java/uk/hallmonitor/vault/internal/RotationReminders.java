package uk.hallmonitor.vault.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.vault.CredentialRotationDue;
import uk.hallmonitor.vault.RotationReason;

/**
 * Marks credentials due for a change and announces each reason once ({@link CredentialRotationDue}): passwords older
 * than the policy allows, and secrets known to someone who has left. A leaver event is the fast path; the periodic
 * sweep finds the same from the store (staff no longer active), so a missed event or a restart loses nothing.
 */
@Component
record RotationReminders(CredentialRecords credentials, TinkCredentialVault vault, AccountRegister accounts,
                         SchoolDirectory directory, AuditTrail audit, DomainEvents events, Clock clock) {

    private static final Logger log = LoggerFactory.getLogger(RotationReminders.class);
    private static final int PAGE = 500;

    /** Checks every stored credential; completes with how many new reasons were raised. */
    Mono<Long> sweep() {
        return sweepFrom(null, 0L);
    }

    private Mono<Long> sweepFrom(String afterId, long raisedSoFar) {
        return credentials.page(afterId, PAGE).collectList().flatMap(page -> page.isEmpty()
                ? Mono.just(raisedSoFar)
                : Flux.fromIterable(page).concatMap(this::check).reduce(0L, Long::sum)
                        .flatMap(raised -> sweepFrom(page.get(page.size() - 1).id(), raisedSoFar + raised)));
    }

    private Mono<Long> check(CredentialDocument record) {
        Instant now = clock.instant();
        RotationReason age = vault.ageReason(record, now);
        Mono<Long> byAge = age == null ? Mono.just(0L) : raise(record, "AGE", age);
        // runners named since the secret was set know it too: remember them while they are here
        Mono<Void> runners = accounts.account(record.accountId())
                .flatMap(account -> credentials.addKnownBy(record.id(), account.runnerIds() == null ? List.of()
                        : account.runnerIds().stream().filter(id -> !record.knownBy().contains(id)).toList()));
        Mono<Long> byLeavers = Flux.fromIterable(record.knownBy() == null ? List.<String>of() : record.knownBy())
                // a staff record that cannot be found is not taken as a leaver: leavers stay on record, inactive
                .concatMap(staffId -> directory.staff(staffId)
                        .filter(staff -> !staff.active())
                        .flatMap(staff -> raise(record, "LEAVER:" + staffId, leaverReason(staff.name(), null, now))))
                .reduce(0L, Long::sum);
        return runners.then(byAge).zipWith(byLeavers, Long::sum)
                .onErrorResume(error -> {
                    log.warn("rotation check of credential {} failed: {}", record.id(), error.toString());
                    return Mono.just(0L);
                });
    }

    /** The leaver fast path: every credential the leaver knew or whose account they ran is due. */
    Mono<Void> staffLeft(String staffId, String schoolId, String name, Instant leftAt) {
        Instant now = clock.instant();
        RotationReason reason = leaverReason(name, leftAt, now);
        Flux<CredentialDocument> knew = credentials.knownBy(staffId);
        Flux<CredentialDocument> ran = schoolId == null ? Flux.empty() : credentials.ofSchool(schoolId)
                .filterWhen(record -> accounts.account(record.accountId())
                        .map(account -> account.runnerIds() != null && account.runnerIds().contains(staffId))
                        .defaultIfEmpty(false));
        return Flux.concat(knew, ran)
                .distinct(CredentialDocument::id)
                .concatMap(record -> raise(record, "LEAVER:" + staffId, reason))
                .then();
    }

    private static RotationReason leaverReason(String name, Instant leftAt, Instant now) {
        String when = leftAt == null ? "" : " on " + leftAt.atOffset(ZoneOffset.UTC).toLocalDate();
        return new RotationReason("LEAVER", (name == null ? "a staff member" : name) + ", who had access, left" + when
                + "; change the secret", now);
    }

    private Mono<Long> raise(CredentialDocument record, String key, RotationReason reason) {
        return credentials.markDue(record.id(), record.revision(), key, reason).flatMap(raised -> {
            if (!raised) {
                return Mono.just(0L);
            }
            log.info("credential '{}' of account {} is due for a change: {}", record.name(), record.accountId(),
                    reason.detail());
            return audit.record(new AuditEvent("system", "credential.rotation-due", record.schoolId(), "credential",
                    record.id(), null, Map.of("name", record.name(), "reason", reason.detail())))
                    .then(events.publish(new CredentialRotationDue(record.schoolId(), record.accountId(),
                            record.name(), reason)))
                    .thenReturn(1L);
        });
    }
}
