package uk.hallmonitor.vault.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditSearch;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.security.StaffLogins;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.vault.CredentialMetadata;
import uk.hallmonitor.vault.CredentialVault;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.SecretKind;

/**
 * {@code /ui/vault/accounts/{id}}: an account's credentials. Administrators store and rotate; administrators, the
 * head teacher (break-glass, confirmed first) and, where the school allows, runners reveal with a reason. The
 * secret is in the answer to the reveal only (no-store, never in a redirect or the session).
 */
@PageController
record VaultPages(CredentialVault vault, AccountRegister accounts, AuditSearch audit, SchoolDirectory directory,
                  StaffLogins logins) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> REVEALS = Set.of("credential.revealed", "credential.break-glass",
            "credential.reveal-refused", "credential.stored", "credential.rotated");
    private static final Map<String, String> LABELS = Map.of("name", "Name", "secret", "Secret", "kind", "Kind",
            "reason", "Reason", "confirm", "Break-glass confirmation");

    /** The names each platform's connector reads, offered when storing. */
    private static final Map<Platform, List<String>> SUGGESTED = Map.of(
            Platform.X,
            List.of("bearerToken", "consumerKey", "consumerSecret", "accessToken", "accessTokenSecret", "password"),
            Platform.BLUESKY, List.of("identifier", "appPassword", "password"),
            Platform.MASTODON, List.of("accessToken", "password"));

    static final Map<SecretKind, String> KIND_WORDS = new LinkedHashMap<>();

    static {
        KIND_WORDS.put(SecretKind.PASSWORD, "Password");
        KIND_WORDS.put(SecretKind.API_KEY, "API key or consumer secret");
        KIND_WORDS.put(SecretKind.API_TOKEN, "API token or app password");
        KIND_WORDS.put(SecretKind.OAUTH_ACCESS_TOKEN, "OAuth access token");
        KIND_WORDS.put(SecretKind.OAUTH_REFRESH_TOKEN, "OAuth refresh token");
        KIND_WORDS.put(SecretKind.RECOVERY_CODES, "Recovery codes");
        KIND_WORDS.put(SecretKind.TWO_FACTOR_SEED, "Two-step login seed");
        KIND_WORDS.put(SecretKind.OTHER, "Something else");
    }

    /** One line of "who revealed what and when". */
    record Event(java.time.Instant at, String who, String what, String name, String reason, boolean breakGlass) {
    }

    @GetMapping("/ui/vault/accounts/{id}")
    Mono<Rendering> credentials(@PathVariable String id) {
        return Callers.current().flatMap(caller -> page(caller, id, Map.of(), List.of()));
    }

    private Mono<Rendering> page(Caller caller, String accountId, Map<String, String> typed,
                                 List<ProblemFields.Shown> errors) {
        return vault.list(caller, accountId).collectList().flatMap(credentials -> accounts.account(accountId)
                .flatMap(account -> history(account).collectList().map(history -> Rendering.view("vault/credentials")
                        .modelAttribute("account", account)
                        .modelAttribute("credentials", credentials)
                        .modelAttribute("history", history)
                        .modelAttribute("mayStore", caller.isAdmin())
                        .modelAttribute("kinds", KIND_WORDS)
                        .modelAttribute("suggested", SUGGESTED.getOrDefault(account.platform(), List.of("password")))
                        .modelAttribute("typed", typed)
                        .modelAttribute("errors", errors)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build())));
    }

    private Flux<Event> history(SchoolAccount account) {
        return audit.recent(account.schoolId(), "credential", account.id() + "/", REVEALS, 50)
                .concatMap(entry -> nameOf(entry.actor()).map(who -> {
                    JsonNode after = after(entry.after());
                    String reason = after.path("reason").isString() ? after.path("reason").asString() : null;
                    String name = entry.subjectId().substring(account.id().length() + 1);
                    return new Event(entry.at(), who, words(entry.action()), name, reason,
                            "credential.break-glass".equals(entry.action()));
                }));
    }

    private static String words(String action) {
        return switch (action) {
            case "credential.revealed" -> "Revealed";
            case "credential.break-glass" -> "Revealed by break-glass";
            case "credential.reveal-refused" -> "Reveal refused";
            case "credential.stored" -> "Stored";
            case "credential.rotated" -> "Changed (rotated)";
            default -> action;
        };
    }

    private static JsonNode after(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }

    private Mono<String> nameOf(String username) {
        return logins.byUsername(username).flatMap(login -> directory.staff(login.caller().staffId()))
                .map(StaffView::name).defaultIfEmpty(username);
    }

    @PostMapping("/ui/vault/accounts/{id}/credentials")
    Mono<Rendering> store(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            String name = value(form, "name").strip();
            String secret = value(form, "secret");
            String kindText = value(form, "kind");
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("name", name);
            typed.put("kind", kindText);
            typed.put("administratorLevel", form.containsKey("administratorLevel") ? "yes" : "no");
            List<ProblemFields.Shown> errors = new ArrayList<>();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) {
                errors.add(ProblemFields.field("name", "use letters and digits, starting with a letter, such as"
                        + " password or accessToken", LABELS));
            }
            if (secret.isEmpty()) {
                errors.add(ProblemFields.field("secret", "type or paste the secret", LABELS));
            }
            SecretKind kind = null;
            if (!kindText.isBlank()) {
                try {
                    kind = SecretKind.valueOf(kindText);
                } catch (IllegalArgumentException e) {
                    errors.add(ProblemFields.field("kind", "choose a kind from the list", LABELS));
                }
            }
            if (!errors.isEmpty()) {
                return page(caller, id, typed, errors);
            }
            Boolean adminLevel = form.containsKey("administratorLevel");
            return vault.put(caller, id, name, new NewSecret(secret, kind, adminLevel))
                    .flatMap(stored -> Flash.set(exchange, (stored.rotatedAt() == null ? "Stored " : "Changed ")
                            + name + ": " + verdict(stored)))
                    .thenReturn(Rendering.redirectTo("/ui/vault/accounts/" + id).status(HttpStatus.SEE_OTHER).build())
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? page(caller, id, typed, ProblemFields.of(e, LABELS)) : Mono.error(e));
        });
    }

    static String verdict(CredentialMetadata stored) {
        return switch (stored.policy().result()) {
            case "PASSED" -> "it meets the password policy (8 or more characters with a number)";
            case "FAILED" -> "it does NOT meet the password policy: " + stored.policy().message()
                    + ". Change it on the platform and store the new one";
            default -> "the password policy does not apply to this kind of secret";
        };
    }

    @GetMapping("/ui/vault/accounts/{id}/credentials/{name}/reveal")
    Mono<Rendering> askReason(@PathVariable String id, @PathVariable String name) {
        return Callers.current().flatMap(caller -> revealForm(caller, id, name, "", List.of()));
    }

    private Mono<Rendering> revealForm(Caller caller, String id, String name, String reason,
                                       List<ProblemFields.Shown> errors) {
        return revealForm(caller, id, name, reason, errors, null);
    }

    /** The form again; with {@code signInAgain}, the step-up refused the reveal and the page offers a fresh sign-in. */
    private Mono<Rendering> revealForm(Caller caller, String id, String name, String reason,
                                       List<ProblemFields.Shown> errors, ErrorResponseException signInAgain) {
        return vault.list(caller, id).filter(c -> c.name().equals(name)).next()
                .switchIfEmpty(Mono.error(() -> Problems.notFound("credential", name)))
                .zipWith(accounts.account(id))
                .map(t -> Rendering.view("vault/reveal")
                        .modelAttribute("account", t.getT2())
                        .modelAttribute("credential", t.getT1())
                        .modelAttribute("breakGlass", breakGlass(caller, t.getT2()))
                        .modelAttribute("reason", reason)
                        .modelAttribute("errors", errors)
                        .modelAttribute("signInAgain", signInAgain == null ? null : signInAgain.getBody().getDetail())
                        .status(signInAgain != null ? HttpStatus.UNAUTHORIZED
                                : errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build());
    }

    private static boolean breakGlass(Caller caller, SchoolAccount account) {
        return !caller.isAdmin() && caller.hasAnyIn(account.schoolId(), Role.HEADTEACHER);
    }

    @PostMapping("/ui/vault/accounts/{id}/credentials/{name}/reveal")
    Mono<Rendering> reveal(@PathVariable String id, @PathVariable String name, ServerWebExchange exchange) {
        // the plaintext is in this answer only: no cache may keep it
        exchange.getResponse().getHeaders().setCacheControl("no-store");
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            String reason = value(t.getT2(), "reason").strip();
            boolean confirmed = "yes".equals(value(t.getT2(), "confirm"));
            return accounts.account(id).switchIfEmpty(Mono.error(() -> Problems.notFound("account", id)))
                    .flatMap(account -> {
                        List<ProblemFields.Shown> errors = new ArrayList<>();
                        if (reason.isEmpty()) {
                            errors.add(ProblemFields.field("reason", "say why you need it; the reason is kept in the"
                                    + " audit trail", LABELS));
                        }
                        if (breakGlass(caller, account) && !confirmed) {
                            errors.add(ProblemFields.field("confirm", "tick the box to confirm this break-glass"
                                    + " reveal; SLT and the DSL are told at once", LABELS));
                        }
                        if (!errors.isEmpty()) {
                            return revealForm(caller, id, name, reason, errors);
                        }
                        return vault.reveal(caller, id, name, reason)
                                .map(secret -> Rendering.view("vault/revealed")
                                        .modelAttribute("account", account)
                                        .modelAttribute("name", name)
                                        .modelAttribute("secret", secret.secret())
                                        .modelAttribute("breakGlass", breakGlass(caller, account))
                                        .build())
                                .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                                        ? revealForm(caller, id, name, reason, ProblemFields.of(e, LABELS))
                                        : e.getStatusCode().value() == 401
                                                ? revealForm(caller, id, name, reason, List.of(), e)
                                        : Mono.error(e));
                    });
        });
    }

    private static String value(MultiValueMap<String, String> form, String key) {
        String value = form.getFirst(key);
        return value == null ? "" : value;
    }
}
