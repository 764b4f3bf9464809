package uk.hallmonitor.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.security.StepUp;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialMetadata;
import uk.hallmonitor.vault.CredentialVault;
import uk.hallmonitor.vault.HeldSession;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.PolicyCheck;
import uk.hallmonitor.vault.RevealedSecret;
import uk.hallmonitor.vault.RotationReason;
import uk.hallmonitor.vault.SecretKind;
import uk.hallmonitor.vault.SecretUse;
import uk.hallmonitor.vault.VaultProperties;

/**
 * The credential vault on Tink AES256-GCM: each secret is encrypted under the keyset's primary key with its owner
 * (school, account, name) as associated data, and only ciphertext reaches the store. Reveals need a role on the
 * account and a reason and are audited before the plaintext is returned; connectors get secrets through
 * {@link SecretUse} for the length of one call.
 */
@Component
class TinkCredentialVault implements CredentialVault, SecretUse {

    private static final Logger log = LoggerFactory.getLogger(TinkCredentialVault.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_REASON = 1000;

    private final VaultKeys keys;
    private final CredentialRecords credentials;
    private final KeyRotations rotations;
    private final SchoolSettings settings;
    private final AccountRegister accounts;
    private final SchoolDirectory directory;
    private final AuditTrail audit;
    private final DomainEvents events;
    private final VaultProperties properties;
    private final Clock clock;
    private final StepUp stepUp;
    private final ConnectorSessionRecords sessions;

    TinkCredentialVault(VaultKeys keys, CredentialRecords credentials, KeyRotations rotations, SchoolSettings settings,
                        AccountRegister accounts, SchoolDirectory directory, AuditTrail audit, DomainEvents events,
                        VaultProperties properties, Clock clock, ConnectorSessionRecords sessions) {
        this.sessions = sessions;
        this.keys = keys;
        this.credentials = credentials;
        this.rotations = rotations;
        this.settings = settings;
        this.accounts = accounts;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.stepUp = new StepUp(clock);
    }

    @Override
    public Mono<CredentialMetadata> put(Caller caller, String accountId, String name, NewSecret secret) {
        return Mono.defer(() -> {
            checkName(name);
            checkSecret(secret == null ? null : secret.secret());
            return visibleAccount(caller, accountId).flatMap(account -> {
                if (!caller.isAdmin()) {
                    return Mono.error(Problems.forbidden("only an administrator (ADMIN) stores credentials"));
                }
                return store(caller, account, name, secret, 3);
            });
        });
    }

    private Mono<CredentialMetadata> store(Caller caller, SchoolAccount account, String name, NewSecret secret,
                                           int attemptsLeft) {
        SecretKind kind = secret.kind() != null ? secret.kind() : SecretKind.guessFrom(name);
        boolean administratorLevel = secret.administratorLevel() != null ? secret.administratorLevel()
                : kind == SecretKind.PASSWORD;
        PolicyCheck policy = PolicyCheck.of(kind, secret.secret());
        SecretOwner owner = new SecretOwner(account.schoolId(), account.id(), name);
        Instant now = clock.instant();
        List<String> knownBy = new ArrayList<>(new LinkedHashSet<>(concat(caller.staffId(), account.runnerIds())));
        return keys.current().flatMap(keyset -> {
            byte[] ciphertext;
            try {
                ciphertext = keyset.seal(owner, secret.secret());
            } catch (GeneralSecurityException e) {
                return Mono.error(new IllegalStateException("encryption failed for credential " + name));
            }
            CredentialDocument fresh = new CredentialDocument(CredentialDocument.idOf(account.id(), name),
                    account.schoolId(), account.id(), name, kind, administratorLevel, ciphertext,
                    keyset.primaryKeyId(), 1, now, caller.username(), null, null, policy.result(), policy.message(),
                    knownBy, false, List.of(), List.of(), null, null);
            return credentials.find(account.id(), name)
                    .flatMap(existing -> credentials.replaceSecret(existing,
                            withRotation(fresh, caller.username(), now))
                            .flatMap(saved -> audited(caller, "credential.rotated", saved, metadata(existing),
                                    metadata(saved))))
                    .switchIfEmpty(Mono.defer(() -> credentials.insert(fresh)
                            .flatMap(saved -> audited(caller, "credential.stored", saved, null, metadata(saved)))
                            .onErrorResume(DuplicateKeyException.class, raced -> Mono.empty())))
                    .switchIfEmpty(Mono.defer(() -> attemptsLeft > 1
                            ? store(caller, account, name, secret, attemptsLeft - 1)
                            : Mono.error(Problems.conflict("credential '" + name + "' was changed by someone else at"
                                    + " the same time; check its metadata and try again"))));
        });
    }

    private static CredentialDocument withRotation(CredentialDocument fresh, String by, Instant at) {
        return new CredentialDocument(fresh.id(), fresh.schoolId(), fresh.accountId(), fresh.name(), fresh.kind(),
                fresh.administratorLevel(), fresh.ciphertext(), fresh.keyId(), fresh.revision(), fresh.createdAt(),
                fresh.createdBy(), at, by, fresh.policyResult(), fresh.policyMessage(), fresh.knownBy(), false,
                List.of(), List.of(), null, null);
    }

    private Mono<CredentialMetadata> audited(Caller caller, String action, CredentialDocument saved,
                                             CredentialMetadata before, CredentialMetadata after) {
        log.debug("{} '{}' of account {} by {}", action, saved.name(), saved.accountId(), caller.username());
        return audit.record(new AuditEvent(caller.username(), action, saved.schoolId(), "credential", saved.id(),
                before, after)).thenReturn(after);
    }

    @Override
    public Flux<CredentialMetadata> list(Caller caller, String accountId) {
        return visibleAccount(caller, accountId).flatMapMany(account -> {
            boolean runner = isRunner(caller, account);
            if (!caller.isAdmin() && !caller.hasAnyIn(account.schoolId(), Role.HEADTEACHER) && !runner) {
                return Flux.error(Problems.forbidden("credential metadata is for administrators, the head teacher"
                        + " and the runners of account " + accountId));
            }
            return credentials.ofAccount(accountId).map(this::metadata);
        });
    }

    @Override
    public Mono<RevealedSecret> reveal(Caller caller, String accountId, String name, String reason) {
        return visibleAccount(caller, accountId).flatMap(account -> access(caller, account).flatMap(access -> {
            if (access == Access.NONE || access == Access.RUNNER_NOT_ALLOWED) {
                return refused(caller, account, name, access.refusal(accountId));
            }
            Mono<RevealedSecret> reveal = access != Access.BREAK_GLASS
                    ? revealChecked(caller, account, name, reason, access)
                    : breakGlassWait(caller).flatMap(wait -> wait.isPresent()
                            ? refused(caller, account, name, wait.get())
                            : revealChecked(caller, account, name, reason, access));
            return recentSignIn(caller, account, name).then(reveal);
        }));
    }

    /**
     * The step-up: a reveal (break-glass included) needs a recent sign-in, multi-factor where the school asks; a
     * refusal is audited like any other and answered 401 with where to sign in again.
     */
    private Mono<Void> recentSignIn(Caller caller, SchoolAccount account, String name) {
        return settings.of(account.schoolId())
                .flatMap(school -> stepUp.require(school.mfaRequired(), "revealing a credential"))
                .onErrorResume(org.springframework.web.ErrorResponseException.class, problem -> audit.record(
                        new AuditEvent(caller.username(), "credential.reveal-refused", account.schoolId(),
                                "credential", CredentialDocument.idOf(account.id(), name), null,
                                Map.of("name", name, "refusal", String.valueOf(problem.getBody().getDetail()))))
                        .then(Mono.error(problem)));
    }

    /** Every refused reveal is audited, whoever asked and whatever the rule that refused it, then answered 403. */
    private <T> Mono<T> refused(Caller caller, SchoolAccount account, String name, String why) {
        return audit.record(new AuditEvent(caller.username(), "credential.reveal-refused", account.schoolId(),
                "credential", CredentialDocument.idOf(account.id(), name), null,
                Map.of("name", name, "refusal", why)))
                .then(Mono.error(Problems.forbidden(why)));
    }

    /**
     * Break-glass is refused to someone whose account or role is newer than the setting (24 hours by default): a
     * head teacher minted in a hurry cannot reveal a credential before anyone has had a chance to notice.
     */
    private Mono<java.util.Optional<String>> breakGlassWait(Caller caller) {
        Duration wait = properties.breakGlassAfter();
        return directory.staff(caller.staffId())
                .map(staff -> {
                    Instant since = staff.rolesGrantedAt();
                    Instant allowedFrom = since == null ? Instant.MIN : since.plus(wait);
                    return allowedFrom.isAfter(clock.instant())
                            ? java.util.Optional.of("break-glass access is refused for " + wait.toHours()
                                    + " hours after an account is created or granted its role; " + caller.username()
                                    + " may use it from " + allowedFrom.truncatedTo(ChronoUnit.SECONDS)
                                    + ", or ask an administrator to reveal the credential")
                            : java.util.Optional.<String>empty();
                })
                .defaultIfEmpty(java.util.Optional.of("break-glass access needs a current staff record"));
    }

    private Mono<RevealedSecret> revealChecked(Caller caller, SchoolAccount account, String name, String reason,
                                               Access access) {
        String accountId = account.id();
        if (reason == null || reason.isBlank()) {
            return Mono.error(Problems.badRequest("reason", "say why the secret is needed; the reason is audited"));
        }
        if (reason.length() > MAX_REASON) {
            return Mono.error(Problems.badRequest("reason", "must be at most " + MAX_REASON + " characters"));
        }
        return credentials.find(accountId, name)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("credential", name)))
                .flatMap(record -> decrypt(caller, account, record)
                        .flatMap(secret -> recordReveal(caller, account, record, reason.strip(), access)
                                .thenReturn(new RevealedSecret(secret))));
    }

    private Mono<String> decrypt(Caller caller, SchoolAccount account, CredentialDocument record) {
        return keys.current().flatMap(keyset -> {
            try {
                if (!record.schoolId().equals(account.schoolId())) {
                    throw new GeneralSecurityException("owner mismatch");
                }
                return Mono.just(keyset.open(new SecretOwner(account.schoolId(), account.id(), record.name()),
                        record.ciphertext()));
            } catch (GeneralSecurityException e) {
                log.warn("credential '{}' of account {} does not decrypt (altered or moved ciphertext)",
                        record.name(), account.id());
                return audit.record(new AuditEvent(caller.username(), "credential.reveal-failed", account.schoolId(),
                        "credential", record.id(), null,
                        Map.of("name", record.name(), "problem", "ciphertext does not decrypt")))
                        .then(Mono.error(VaultProblems.undecryptable(account.id(), record.name())));
            }
        });
    }

    private Mono<Void> recordReveal(Caller caller, SchoolAccount account, CredentialDocument record, String reason,
                                    Access access) {
        boolean breakGlass = access == Access.BREAK_GLASS;
        Instant now = clock.instant();
        Map<String, Object> after = Map.of("name", record.name(), "reason", reason, "breakGlass", breakGlass);
        Mono<Void> recorded = audit.record(new AuditEvent(caller.username(),
                breakGlass ? "credential.break-glass" : "credential.revealed", account.schoolId(),
                "credential", record.id(), null, after))
                .then(credentials.revealed(record.id(), caller.staffId(), caller.username(), now));
        if (!breakGlass) {
            return recorded;
        }
        return recorded.then(Flux.concat(directory.staffWithRole(account.schoolId(), Role.SLT),
                directory.staffWithRole(account.schoolId(), Role.DSL))
                .map(StaffView::id).filter(id -> !id.equals(caller.staffId())).distinct().collectList()
                .flatMap(notify -> events.publish(new BreakGlassUsed(account.schoolId(), account.id(), record.name(),
                        caller.staffId(), caller.username(), reason, now, notify))));
    }

    /** How the caller may reach the plaintext of the account's secrets. */
    private enum Access {
        ADMIN, BREAK_GLASS, RUNNER, RUNNER_NOT_ALLOWED, NONE;

        String refusal(String accountId) {
            return this == RUNNER_NOT_ALLOWED
                    ? "runners of account " + accountId + " may see credential metadata only: the school does not"
                            + " allow runners to reveal secrets"
                    : "revealing a credential needs ADMIN, or HEADTEACHER of the account's school (break-glass)";
        }
    }

    private Mono<Access> access(Caller caller, SchoolAccount account) {
        if (caller.isAdmin()) {
            return Mono.just(Access.ADMIN);
        }
        if (caller.hasAnyIn(account.schoolId(), Role.HEADTEACHER)) {
            return Mono.just(Access.BREAK_GLASS);
        }
        if (isRunner(caller, account)) {
            return settings.of(account.schoolId())
                    .map(s -> s.runnersMayReveal() ? Access.RUNNER : Access.RUNNER_NOT_ALLOWED);
        }
        return Mono.just(Access.NONE);
    }

    @Override
    public Mono<KeyRotationStatus> rotateKeys(Caller caller) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only an administrator (ADMIN) rotates the vault's keys"));
        }
        return rotations.start(caller.username())
                .flatMap(status -> audit.record(new AuditEvent(caller.username(), "vault.key-rotation-started", null,
                        "vault-key-rotation", status.id(), null, Map.of("primaryKeyId", status.primaryKeyId(),
                                "total", status.total())))
                        .thenReturn(status));
    }

    @Override
    public Mono<KeyRotationStatus> keyRotation(Caller caller, String rotationId) {
        if (!caller.isAdmin()) {
            return Mono.error(Problems.forbidden("only an administrator (ADMIN) follows key rotations"));
        }
        return rotations.find(rotationId).switchIfEmpty(Mono.error(() -> Problems.notFound("key rotation",
                rotationId)));
    }

    @Override
    public Flux<KeyRotationStatus> keyRotations(Caller caller, int limit) {
        if (!caller.isAdmin()) {
            return Flux.error(Problems.forbidden("only an administrator (ADMIN) follows key rotations"));
        }
        return rotations.latest(Math.max(1, Math.min(limit, 200)));
    }

    @Override
    public <T> Mono<T> withSecrets(String accountId, Set<String> names, Function<Map<String, String>, Mono<T>> use) {
        return Mono.usingWhen(
                accounts.account(accountId)
                        .switchIfEmpty(Mono.error(() -> Problems.notFound("account", accountId)))
                        .flatMap(account -> keys.current().flatMap(keyset -> Flux.fromIterable(names)
                                .concatMap(name -> credentials.find(accountId, name))
                                .collect(HashMap<String, String>::new, (map, record) -> {
                                    try {
                                        map.put(record.name(), keyset.open(new SecretOwner(account.schoolId(),
                                                accountId, record.name()), record.ciphertext()));
                                    } catch (GeneralSecurityException e) {
                                        throw VaultProblems.undecryptable(accountId, record.name());
                                    }
                                }))),
                secrets -> {
                    log.debug("handing {} secret(s) of account {} to a connector", secrets.size(), accountId);
                    return use.apply(java.util.Collections.unmodifiableMap(secrets));
                },
                // the map is the only place the plaintext lives; empty it whatever happens to the call
                secrets -> Mono.fromRunnable(secrets::clear));
    }

    /** The largest session a connector may keep, in UTF-8 bytes (a Bluesky session is about 1 KiB). */
    static final int MAX_SESSION_BYTES = 16 * 1024;
    /** Who the audit trail names for a connector's own writes. */
    static final String CONNECTOR_ACTOR = "connector";

    @Override
    public Mono<HeldSession> heldSession(String accountId, String name) {
        return Mono.defer(() -> {
            checkName(name);
            return accounts.account(accountId)
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("account", accountId)))
                    .flatMap(account -> sessions.find(accountId, name)
                            .flatMap(record -> keys.current().map(keyset -> {
                                try {
                                    if (!record.schoolId().equals(account.schoolId())) {
                                        throw new GeneralSecurityException("owner mismatch");
                                    }
                                    return new HeldSession(keyset.open(sessionOwner(account, name),
                                            record.ciphertext()), record.revision());
                                } catch (GeneralSecurityException e) {
                                    // a session can always be started again: report it unreadable, keep its revision
                                    log.warn("connector session '{}' of account {} does not open; a new one will"
                                            + " replace it", name, accountId);
                                    return new HeldSession(null, record.revision());
                                }
                            }))
                            .defaultIfEmpty(HeldSession.NONE));
        });
    }

    @Override
    public Mono<Boolean> keepSession(String accountId, String name, long expectedRevision, String value) {
        return Mono.defer(() -> {
            checkName(name);
            if (value == null || value.isEmpty()) {
                throw Problems.badRequest("value", "a kept session must not be empty");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > MAX_SESSION_BYTES) {
                throw VaultProblems.tooLarge("value", MAX_SESSION_BYTES);
            }
            if (expectedRevision < 0) {
                throw Problems.badRequest("expectedRevision", "must be 0 (none kept yet) or the revision read");
            }
            return accounts.account(accountId)
                    .switchIfEmpty(Mono.error(() -> Problems.notFound("account", accountId)))
                    .flatMap(account -> keys.current().flatMap(keyset -> {
                        byte[] ciphertext;
                        try {
                            ciphertext = keyset.seal(sessionOwner(account, name), value);
                        } catch (GeneralSecurityException e) {
                            return Mono.error(new IllegalStateException("encryption failed for session " + name));
                        }
                        var next = new ConnectorSessionRecords.SessionDocument(
                                ConnectorSessionRecords.SessionDocument.idOf(accountId, name), account.schoolId(),
                                accountId, name, ciphertext, keyset.primaryKeyId(), expectedRevision + 1,
                                clock.instant());
                        return sessions.replace(next, expectedRevision).flatMap(won -> !won ? Mono.just(false)
                                : audit.record(new AuditEvent(CONNECTOR_ACTOR, "credential.session-kept",
                                        account.schoolId(), "connector-session", next.id(), null,
                                        Map.of("name", name, "revision", next.revision())))
                                        .thenReturn(true));
                    }));
        });
    }

    /**
     * The owner a session is sealed to: the account's school and id, and a name no credential can have ('/' is not
     * allowed in credential names), so a session's ciphertext never opens as a credential or the other way round.
     */
    private static SecretOwner sessionOwner(SchoolAccount account, String name) {
        return new SecretOwner(account.schoolId(), account.id(), "connector-session/" + name);
    }

    /** Metadata as of now: a password past its age shows as due even before the next reminder sweep marks it. */
    CredentialMetadata metadata(CredentialDocument record) {
        Instant now = clock.instant();
        List<RotationReason> reasons = new ArrayList<>(record.rotationDueReasons() == null ? List.of()
                : record.rotationDueReasons());
        boolean due = record.rotationDue();
        RotationReason age = ageReason(record, now);
        if (age != null && reasons.stream().noneMatch(r -> "AGE".equals(r.code()))) {
            reasons.add(age);
            due = true;
        }
        return new CredentialMetadata(record.accountId(), record.name(), record.kind(), record.administratorLevel(),
                record.createdAt(), record.createdBy(), record.rotatedAt(), record.rotatedBy(),
                Duration.between(record.setAt(), now).toDays(),
                new PolicyCheck(record.policyResult(), record.policyMessage()), due, List.copyOf(reasons),
                record.lastRevealedAt(), record.lastRevealedBy());
    }

    /** The age reason when the record is a password older than the policy allows, else {@code null}. */
    RotationReason ageReason(CredentialDocument record, Instant now) {
        if (record.kind() != SecretKind.PASSWORD) {
            return null;
        }
        Duration maxAge = record.administratorLevel() ? properties.administratorPasswordMaxAge()
                : properties.passwordMaxAge();
        Duration age = Duration.between(record.setAt(), now);
        if (age.compareTo(maxAge) <= 0) {
            return null;
        }
        return new RotationReason("AGE", "password is " + age.toDays() + " days old; "
                + (record.administratorLevel() ? "administrator-level passwords are changed every "
                        : "passwords are changed every ")
                + maxAge.toDays() + " days (policy 004)",
                now.truncatedTo(
                        ChronoUnit.MILLIS));
    }

    private Mono<SchoolAccount> visibleAccount(Caller caller, String accountId) {
        return accounts.account(accountId)
                .transform(SchoolScopedPages.visibleTo(caller, SchoolAccount::schoolId, "account", accountId));
    }

    private static boolean isRunner(Caller caller, SchoolAccount account) {
        return caller.staffId() != null && account.runnerIds() != null && account.runnerIds().contains(caller.staffId())
                && account.schoolId().equals(caller.schoolId());
    }

    private void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Problems.badRequest("name", "use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit");
        }
    }

    private void checkSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw Problems.badRequest("secret", "must not be empty");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > properties.maxSecretBytes()) {
            throw VaultProblems.tooLarge("secret", properties.maxSecretBytes());
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        if (first != null) {
            all.add(first);
        }
        if (rest != null) {
            all.addAll(rest);
        }
        return all;
    }
}
