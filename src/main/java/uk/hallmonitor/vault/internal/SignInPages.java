package uk.hallmonitor.vault.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.SignInSettings;
import uk.hallmonitor.system.security.StaffLogins;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;

/**
 * {@code /ui/admin/sign-in}: how staff sign in, for trust administrators. Passwords on or off beside the configured
 * Microsoft and Google sign-in (as {@code PUT /api/v1/sign-in-settings}), the providers and whether each is
 * reachable, the break-glass administrators, and each school's choice of multi-factor sign-in before a secret is
 * revealed (as {@code PUT /api/v1/vault/schools/{id}/settings} {@code mfaForReveal}). It lives in the vault because
 * the step-up for secrets is the vault's rule; the password switch is the system's {@link SignInSettings}.
 */
@PageController
record SignInPages(SignInSettings signIn, SchoolSettings schoolSettings, SchoolDirectory directory, StaffLogins logins,
                   AuditTrail audit, Clock clock) {

    /** A school and whether a reveal of its secrets needs multi-factor sign-in. */
    record SchoolChoice(String id, String name, boolean mfaForReveal) {
    }

    @GetMapping("/ui/admin/sign-in")
    Mono<Rendering> settings() {
        return admin().flatMap(caller -> page(null, Map.of()));
    }

    /** The page; {@code typed} is the passwords choice sent ("yes"/"no") when it is shown again with an error. */
    private Mono<Rendering> page(String typed, Map<String, String> errors) {
        return signIn.current().flatMap(current -> directory.schools()
                .concatMap(school -> schoolSettings.of(school.id())
                        .map(s -> new SchoolChoice(school.id(), school.name(), s.mfaRequired())))
                .collectList()
                .zipWith(nameOf(current.updatedBy()))
                .map(t -> Rendering.view("vault/sign-in")
                        .modelAttribute("current", current)
                        .modelAttribute("passwords", typed != null ? typed : current.passwords() ? "yes" : "no")
                        .modelAttribute("updatedByName", t.getT2())
                        .modelAttribute("schools", t.getT1())
                        .modelAttribute("errors", errors)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build()));
    }

    @PostMapping("/ui/admin/sign-in/passwords")
    Mono<Rendering> passwords(ServerWebExchange exchange) {
        return admin().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            String choice = value(t.getT2(), "passwords");
            if (!"yes".equals(choice) && !"no".equals(choice)) {
                return page(null, Map.of("passwords-yes", "Choose whether staff may sign in with a password"));
            }
            boolean passwords = "yes".equals(choice);
            return signIn.current().flatMap(before -> signIn.change(passwords, caller.username())
                    .flatMap(after -> audit.record(new AuditEvent(caller.username(), "sign-in.settings-changed",
                            null, "sign-in-settings", "sign-in", Map.of("passwords", before.passwords()),
                            Map.of("passwords", after.passwords())))
                            .thenReturn(after)))
                    .flatMap(after -> Flash.set(exchange, after.passwords()
                            ? "Saved: staff may sign in with a password or with the school's Microsoft or Google account"
                            : "Saved: staff now sign in with the school's Microsoft or Google account; only the"
                                    + " break-glass administrators may use a password"))
                    .thenReturn(Rendering.redirectTo("/ui/admin/sign-in").status(HttpStatus.SEE_OTHER).build())
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? page(choice, Map.of("passwords-yes", sentence(fieldMessage(e)))) : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/sign-in/schools/{schoolId}/mfa")
    Mono<Rendering> multiFactor(@PathVariable String schoolId, ServerWebExchange exchange) {
        return admin().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            String choice = value(t.getT2(), "mfaForReveal");
            if (!"yes".equals(choice) && !"no".equals(choice)) {
                return page(null, Map.of("mfa-" + schoolId, "Choose whether a reveal needs multi-factor sign-in"));
            }
            boolean mfa = "yes".equals(choice);
            return directory.school(schoolId)
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("school", schoolId)))
                    .flatMap(school -> schoolSettings.of(schoolId).flatMap(before -> schoolSettings.save(schoolId,
                            before.runnersMayReveal(), mfa, clock.instant(),
                            caller.username())
                            .flatMap(after -> audit.record(new AuditEvent(caller.username(), "vault.settings-changed",
                                    schoolId, "vault-settings", schoolId,
                                    Map.of("runnersMayReveal", before.runnersMayReveal(), "mfaForReveal",
                                            before.mfaRequired()),
                                    Map.of("runnersMayReveal", after.runnersMayReveal(), "mfaForReveal",
                                            after.mfaRequired()))))
                            .then(Flash.set(exchange, mfa
                                    ? "Saved: at " + school.name() + " revealing a secret now needs a recent sign-in"
                                            + " with multi-factor authentication (Microsoft or Google)"
                                    : "Saved: at " + school.name() + " revealing a secret needs a recent sign-in,"
                                            + " without multi-factor authentication"))))
                    .thenReturn(Rendering.redirectTo("/ui/admin/sign-in").status(HttpStatus.SEE_OTHER).build());
        });
    }

    private static String fieldMessage(ErrorResponseException e) {
        Object errors = e.getBody().getProperties() == null ? null : e.getBody().getProperties().get("errors");
        if (errors instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Problems.FieldError first) {
            return first.message();
        }
        return e.getBody().getDetail() == null ? e.getBody().getTitle() : e.getBody().getDetail();
    }

    private static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private Mono<String> nameOf(String username) {
        if (username == null) {
            return Mono.just("");
        }
        return logins.byUsername(username).flatMap(login -> login.caller().staffId() == null ? Mono.empty()
                : directory.staff(login.caller().staffId()))
                .map(StaffView::name).defaultIfEmpty(username);
    }

    private static String value(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null ? "" : value;
    }

    private static Mono<Caller> admin() {
        return Callers.current().flatMap(caller -> caller.isAdmin() ? Mono.just(caller)
                : Mono.error(Problems.forbidden("only a trust administrator (ADMIN) changes how staff sign in")));
    }
}
