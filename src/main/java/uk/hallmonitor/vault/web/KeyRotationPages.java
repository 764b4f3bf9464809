package uk.hallmonitor.vault.web;

import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.StaffLogins;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.vault.CredentialVault;
import uk.hallmonitor.vault.KeyRotationStatus;

/**
 * {@code /ui/vault/key-rotations}: the administrator starts a rotation of the vault's encryption keys, follows its
 * progress in words, and sees every earlier rotation (who, when, outcome). The same service calls as
 * {@code POST /api/v1/vault/key-rotations} and {@code GET /api/v1/vault/key-rotations/{id}}.
 */
@PageController
record KeyRotationPages(CredentialVault vault, SchoolDirectory directory, StaffLogins logins) {

    private static final int LISTED = 50;

    /** A rotation as the page shows it: who asked, its state and outcome in words, and its progress. */
    record Shown(KeyRotationStatus rotation, String who, String state, String tone, String outcome, Instant startedAt,
                 Instant finishedAt, long done, long total) {

        public boolean running() {
            return KeyRotationStatus.RUNNING.equals(rotation.state());
        }

        /** Whole percent done; a rotation with nothing to re-encrypt is complete. */
        public long percent() {
            return total == 0 ? 100 : Math.min(100, done * 100 / total);
        }
    }

    @GetMapping("/ui/vault/key-rotations")
    Mono<Rendering> rotations() {
        return admin().flatMap(caller -> page(caller, Map.of()));
    }

    private Mono<Rendering> page(Caller caller, Map<String, String> errors) {
        return vault.keyRotations(caller, LISTED).concatMap(this::shown).collectList()
                .map(all -> Rendering.view("vault/key-rotations")
                        .modelAttribute("rotations", all)
                        .modelAttribute("running", all.stream().filter(Shown::running).findFirst().orElse(null))
                        .modelAttribute("errors", errors)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.CONFLICT)
                        .build());
    }

    @PostMapping("/ui/vault/key-rotations")
    Mono<Rendering> start(ServerWebExchange exchange) {
        return admin().flatMap(caller -> vault.rotateKeys(caller)
                .flatMap(started -> Flash.set(exchange,
                        "Key rotation started: a new key is in use for new secrets, and "
                                + plural(started.total(), "stored secret") + " " + (started.total() == 1 ? "is" : "are")
                                + " being re-encrypted under it"))
                .thenReturn(Rendering.redirectTo("/ui/vault/key-rotations").status(HttpStatus.SEE_OTHER).build())
                // another rotation running (409) or the vault locked (503): said at the top of the page
                .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 409
                        || e.getStatusCode().value() == 503 ? page(caller, Map.of("form", sentence(e)))
                                : Mono.error(e)));
    }

    private Mono<Shown> shown(KeyRotationStatus r) {
        return nameOf(r.requestedBy()).map(who -> {
            long done = Math.min(r.reencrypted(), r.total());
            String secrets = plural(r.total(), "secret");
            return switch (r.state()) {
                case KeyRotationStatus.RUNNING -> new Shown(r, who, "In progress", "warn", "Re-encrypting: "
                        + done + " of " + secrets + " done so far.", r.startedAt(), r.finishedAt(), done, r.total());
                case KeyRotationStatus.COMPLETED -> r.failedCredentialIds().isEmpty()
                        ? new Shown(r, who, "Finished", "ok", "Every stored secret is under the new key ("
                                + done + " of " + secrets + " re-encrypted)" + retired(r) + ".", r.startedAt(),
                                r.finishedAt(), done, r.total())
                        : new Shown(r, who, "Finished with problems", "bad", plural(r.failedCredentialIds().size(),
                                "secret") + " could not be decrypted (the stored record was altered) and kept the old"
                                + " key, which stays until they are stored again; " + done + " of " + secrets
                                + " re-encrypted" + retired(r) + ".", r.startedAt(), r.finishedAt(), done, r.total());
                default -> new Shown(r, who, "Failed", "bad", "Stopped" + (r.message() == null ? "" : ": "
                        + r.message()) + ". Nothing was lost: secrets not re-encrypted keep their old key. Start a new"
                        + " rotation to finish the job (" + done + " of " + secrets + " had been re-encrypted).",
                        r.startedAt(), r.finishedAt(), done, r.total());
            };
        });
    }

    private static String retired(KeyRotationStatus r) {
        return r.retiredKeyIds().isEmpty() ? "; no old key needed retiring"
                : "; " + plural(r.retiredKeyIds().size(), "old key") + " retired";
    }

    private Mono<String> nameOf(String username) {
        if (username == null) {
            return Mono.just("Hallmonitor");
        }
        return logins.byUsername(username).flatMap(login -> login.caller().staffId() == null ? Mono.empty()
                : directory.staff(login.caller().staffId()))
                .map(StaffView::name).defaultIfEmpty(username);
    }

    private static String sentence(ErrorResponseException e) {
        String detail = e.getBody().getDetail() == null ? e.getBody().getTitle() : e.getBody().getDetail();
        return detail.isEmpty() ? detail : Character.toUpperCase(detail.charAt(0)) + detail.substring(1);
    }

    private static String plural(long count, String noun) {
        return count == 1 ? "1 " + noun : count + " " + noun + "s";
    }

    private static Mono<Caller> admin() {
        return Callers.current().flatMap(caller -> caller.isAdmin() ? Mono.just(caller)
                : Mono.error(Problems.forbidden("rotating the vault's keys is for the trust's IT administrators")));
    }
}
