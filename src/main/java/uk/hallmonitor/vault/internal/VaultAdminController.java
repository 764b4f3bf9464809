package uk.hallmonitor.vault.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/** The vault's own settings: whether it is open, and each school's choice about runners revealing secrets. */
@RestController
@RequestMapping("/api/v1/vault")
record VaultAdminController(VaultKeys keys, SchoolSettings settings, SchoolDirectory directory, AuditTrail audit,
                            Clock clock) {

    /** Whether the vault is open, and its keys (ids only). */
    record VaultStatus(String state, String reason, List<Integer> keyIds, Integer primaryKeyId, String rotationId) {
    }

    /** A school's vault settings; {@code mfaForReveal}: a reveal needs multi-factor sign-in ({@code amr} mfa). */
    record Settings(String schoolId, boolean runnersMayReveal, Instant updatedAt, String updatedBy,
                    boolean mfaForReveal) {

        Settings(SchoolVaultSettings s) {
            this(s.schoolId(), s.runnersMayReveal(), s.updatedAt(), s.updatedBy(), s.mfaRequired());
        }
    }

    /** The change to a school's vault settings: either or both; what is left out stays as it is. */
    record SettingsChange(Boolean runnersMayReveal, Boolean mfaForReveal) {
    }

    @GetMapping("/status")
    Mono<VaultStatus> status() {
        return Callers.current().flatMap(caller -> {
            if (!caller.isAdmin()) {
                return Mono.error(Problems.forbidden("only an administrator (ADMIN) sees the vault's status"));
            }
            return keys.lockedBecause()
                    .map(reason -> Mono.just(new VaultStatus("LOCKED", reason, List.of(), null, null)))
                    .orElseGet(() -> keys.current().map(keyset -> new VaultStatus("OPEN", null, keyset.keyIds(),
                            keyset.primaryKeyId(), keyset.rotationId())));
        });
    }

    @GetMapping("/schools/{schoolId}/settings")
    Mono<Settings> settings(@PathVariable String schoolId) {
        return Callers.current().flatMap(caller -> school(caller, schoolId, Role.HEADTEACHER, Role.SLT, Role.DSL))
                .then(settings.of(schoolId))
                .map(Settings::new);
    }

    @PutMapping("/schools/{schoolId}/settings")
    Mono<Settings> change(@PathVariable String schoolId, @RequestBody(required = false) SettingsChange change) {
        return Callers.current().flatMap(caller -> school(caller, schoolId, Role.HEADTEACHER).then(Mono.defer(() -> {
            if (change == null || (change.runnersMayReveal() == null && change.mfaForReveal() == null)) {
                return Mono.error(Problems.badRequest("runnersMayReveal", "say true or false (and/or mfaForReveal)"));
            }
            return settings.of(schoolId).flatMap(before -> settings.save(schoolId,
                    change.runnersMayReveal() != null ? change.runnersMayReveal() : before.runnersMayReveal(),
                    change.mfaForReveal() != null ? change.mfaForReveal() : before.mfaRequired(),
                    clock.instant(), caller.username())
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "vault.settings-changed",
                            schoolId, "vault-settings", schoolId,
                            Map.of("runnersMayReveal", before.runnersMayReveal(), "mfaForReveal", before.mfaRequired()),
                            Map.of("runnersMayReveal", after.runnersMayReveal(), "mfaForReveal", after.mfaRequired())))
                            .thenReturn(after)));
        }))).map(Settings::new);
    }

    /** The school if the caller may act on it: 404 when unknown or out of sight, 403 without the role. */
    private Mono<Void> school(Caller caller, String schoolId, Role... roles) {
        return directory.school(schoolId)
                .transform(SchoolScopedPages.visibleTo(caller, SchoolView::id, "school", schoolId))
                .flatMap(school -> caller.isAdmin() || caller.hasAnyIn(schoolId, roles) ? Mono.<Void>empty()
                        : Mono.error(Problems.forbidden("this needs ADMIN or " + List.of(roles) + " of the school")));
    }
}
