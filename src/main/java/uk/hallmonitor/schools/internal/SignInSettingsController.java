package uk.hallmonitor.schools.internal;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.SignInSettings;
import uk.hallmonitor.system.web.Problems;

/**
 * How staff sign in, for trust administrators: the providers configured (and whether each is reachable) and whether
 * passwords still work beside them. Lives with the staff records because switching passwords off is an act on every
 * member of staff, audited like the others.
 */
@RestController
@RequestMapping("/api/v1/sign-in-settings")
record SignInSettingsController(SignInSettings settings, AuditTrail audit) {

    /** The change: {@code passwords} false leaves passwords to the break-glass administrators only. */
    record Change(Boolean passwords) {
    }

    @GetMapping
    Mono<SignInSettings.Settings> current() {
        return Callers.current().flatMap(caller -> caller.isAdmin() ? settings.current()
                : Mono.error(Problems.forbidden("only a trust administrator (ADMIN) sees the sign-in settings")));
    }

    @PutMapping
    Mono<SignInSettings.Settings> change(@RequestBody(required = false) Change change) {
        return Callers.current().flatMap(caller -> {
            if (!caller.isAdmin()) {
                return Mono.error(Problems.forbidden("only a trust administrator (ADMIN) changes how staff sign in"));
            }
            if (change == null || change.passwords() == null) {
                return Mono.error(Problems.badRequest("passwords", "say true (staff may use passwords) or false"
                        + " (only the break-glass administrators may)"));
            }
            return settings.current().flatMap(before -> settings.change(change.passwords(), caller.username())
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "sign-in.settings-changed", null,
                            "sign-in-settings", "sign-in", Map.of("passwords", before.passwords()),
                            Map.of("passwords", after.passwords())))
                            .thenReturn(after)));
        });
    }
}
