package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.ErrorResponseException;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.BreakGlassUsed;
import uk.hallmonitor.vault.CredentialMetadata;
import uk.hallmonitor.vault.CredentialRotationDue;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.PolicyCheck;
import uk.hallmonitor.vault.SecretKind;
import uk.hallmonitor.vault.VaultProperties;

class TinkCredentialVaultTests {

    private static final Caller ADMIN = new Caller("admin-1", "admin", null, Set.of(Role.ADMIN));
    private static final Caller HEAD = new Caller("head-1", "head", "school-1", Set.of(Role.HEADTEACHER));
    private static final Caller RUNNER = new Caller("runner-1", "runner", "school-1", Set.of(Role.STAFF));

    @TempDir
    Path dir;
    VaultFixture fixture;

    @BeforeEach
    void start() {
        fixture = new VaultFixture(dir.resolve("master.key"));
        fixture.account("acc-1", "school-1", "runner-1", "runner-2");
        fixture.account("acc-2", "school-2", "runner-9");
        fixture.person("runner-1", "school-1", true, Role.STAFF);
        fixture.person("runner-2", "school-1", true, Role.STAFF);
        fixture.person("head-1", "school-1", true, Role.HEADTEACHER);
        fixture.person("slt-1", "school-1", true, Role.SLT);
        fixture.person("dsl-1", "school-1", true, Role.DSL);
        fixture.person("slt-other", "school-2", true, Role.SLT);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aStoredSecretIsKeptAsCiphertextOnlyAndListedAsMetadata() {
        put("acc-1", "password", "Summer2026!secret");

        Document raw = fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.find().first())).block();
        assertThat(raw.toJson()).doesNotContain("Summer2026!secret");
        byte[] ciphertext = ((Binary) raw.get("ciphertext")).getData();
        assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Summer2026");
        List<CredentialMetadata> listed = fixture.vault.list(ADMIN, "acc-1").collectList().block();
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("password");
            assertThat(m.kind()).isEqualTo(SecretKind.PASSWORD);
            assertThat(m.createdBy()).isEqualTo("admin");
            assertThat(m.rotatedAt()).isNull();
            assertThat(m.policy().result()).isEqualTo(PolicyCheck.PASSED);
            assertThat(m.toString()).doesNotContain("Summer2026");
        });
        assertThat(fixture.audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("credential.stored");
            assertThat(String.valueOf(e.after())).doesNotContain("Summer2026");
        });
    }

    @ParameterizedTest(name = "{0} = \"{1}\" -> {2}")
    @CsvSource(textBlock = """
            password,       short1,          FAILED
            password,       longenough,      FAILED
            password,       longenough1,     PASSED
            adminPassword,  12345678,        PASSED
            bearerToken,    x,               NOT_APPLICABLE
            appPassword,    abcd-efgh,       NOT_APPLICABLE
            recoveryCodes,  a b c,           NOT_APPLICABLE
            """)
    void passwordsAreCheckedAgainstThePolicyAndOtherSecretsAreNot(String name, String secret, String expected) {
        CredentialMetadata stored = put("acc-1", name, secret);

        assertThat(stored.policy().result()).isEqualTo(expected);
    }

    @Test
    void storingASecretAgainCountsAsARotationAndKeepsTheCreationDate() {
        CredentialMetadata first = put("acc-1", "password", "First1secret");
        fixture.clock.advance(Duration.ofDays(3));

        CredentialMetadata second = put("acc-1", "password", "Second2secret");

        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(second.rotatedAt()).isEqualTo(first.createdAt().plus(Duration.ofDays(3)));
        assertThat(second.rotatedBy()).isEqualTo("admin");
        assertThat(reveal(ADMIN, "acc-1", "password")).isEqualTo("Second2secret");
        assertThat(fixture.audit).extracting(e -> e.action()).contains("credential.rotated");
    }

    @Test
    void anAdministratorRevealsWithAReasonAndTheRevealIsAudited() {
        put("acc-1", "password", "Winter2026!");

        assertThat(reveal(ADMIN, "acc-1", "password")).isEqualTo("Winter2026!");

        assertThat(fixture.audit).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("credential.revealed");
            assertThat(String.valueOf(e.after())).contains("locked out of the account").doesNotContain("Winter2026");
        });
        assertThat(fixture.vault.list(ADMIN, "acc-1").blockFirst().lastRevealedBy()).isEqualTo("admin");
        assertThat(fixture.events).isEmpty();
    }

    @Test
    void theHeadTeachersBreakGlassRevealNotifiesSltAndTheDsl() {
        put("acc-1", "password", "Winter2026!");

        assertThat(reveal(HEAD, "acc-1", "password")).isEqualTo("Winter2026!");

        assertThat(fixture.events).singleElement().isInstanceOfSatisfying(BreakGlassUsed.class, event -> {
            assertThat(event.notifyStaffIds()).containsExactlyInAnyOrder("slt-1", "dsl-1");
            assertThat(event.reason()).isEqualTo("locked out of the account");
            assertThat(event.toString()).doesNotContain("Winter2026");
        });
        assertThat(fixture.audit).extracting(e -> e.action()).contains("credential.break-glass");
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(textBlock = """
            ADMIN,       acc-2, 200
            HEADTEACHER, acc-2, 404
            STAFF,       acc-2, 404
            SLT,         acc-1, 403
            DSL,         acc-1, 403
            MODERATOR,   acc-1, 403
            GOVERNOR,    acc-1, 403
            STAFF,       acc-1, 403
            """)
    void onlyTheRightRoleInTheRightSchoolMayReveal(Role role, String account, int expected) {
        put(account, "password", "Winter2026!");
        Caller caller = role == Role.ADMIN ? ADMIN : new Caller("someone", "someone", "school-1", Set.of(role));

        assertThat(status(fixture.vault.reveal(caller, account, "password", "needed"))).isEqualTo(expected);
    }

    @Test
    void aRunnerSeesMetadataButRevealsOnlyWhenTheSchoolAllowsIt() {
        put("acc-1", "password", "Winter2026!");
        assertThat(fixture.vault.list(RUNNER, "acc-1").collectList().block()).hasSize(1);
        assertThat(status(fixture.vault.reveal(RUNNER, "acc-1", "password", "posting the notice"))).isEqualTo(403);

        fixture.settings.save("school-1", true, fixture.clock.instant(), "head").block();

        assertThat(reveal(RUNNER, "acc-1", "password")).isEqualTo("Winter2026!");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            empty secret,        acc-1,   password,  '',   400
            unknown account,     acc-404, password,  s1,   404
            other school's acc,  acc-2,   password,  s1,   404
            bad name,            acc-1,   'a/b',     s1,   400
            """)
    void badInputToStoreIsRefusedAndChangesNothing(String label, String account, String name, String secret,
                                                   int expected) {
        Caller caller = label.startsWith("other") ? new Caller("a", "a", "school-1", Set.of(Role.HEADTEACHER)) : ADMIN;

        assertThat(status(fixture.vault.put(caller, account, name, new NewSecret(secret, null, null))))
                .isEqualTo(expected);
        assertThat(fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.countDocuments())).block())
                .isZero();
    }

    @Test
    void aSecretOver64KilobytesIsRefusedWith413AndOneOfExactly64KilobytesIsKept() {
        String limit = "x".repeat(64 * 1024);

        assertThat(status(fixture.vault.put(ADMIN, "acc-1", "big", new NewSecret(limit + "y", null, null))))
                .isEqualTo(413);
        put("acc-1", "big", limit);
        assertThat(reveal(ADMIN, "acc-1", "big")).isEqualTo(limit);
    }

    @ParameterizedTest(name = "reason \"{0}\"")
    @CsvSource(textBlock = """
            ''
            '   '
            """)
    void aRevealWithoutAReasonIsRefused(String reason) {
        put("acc-1", "password", "Winter2026!");

        ErrorResponseException problem = problem(fixture.vault.reveal(ADMIN, "acc-1", "password", reason));

        assertThat(problem.getStatusCode().value()).isEqualTo(400);
        assertThat(problem.getBody().getProperties().get("errors").toString()).contains("reason");
        assertThat(fixture.audit).extracting(e -> e.action()).doesNotContain("credential.revealed");
    }

    @Test
    void anAlteredCiphertextGivesAClearProblemAndOtherSecretsStillReveal() {
        put("acc-1", "password", "Winter2026!");
        put("acc-1", "bearerToken", "token-abc");
        fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", "acc-1/password"),
                new Document("$set", new Document("ciphertext", new Binary(new byte[] {1, 2, 3, 4, 5, 6})))))).block();

        ErrorResponseException problem = problem(fixture.vault.reveal(ADMIN, "acc-1", "password", "need it"));

        assertThat(problem.getStatusCode().value()).isEqualTo(500);
        assertThat(problem.getBody().getDetail()).contains("does not decrypt");
        assertThat(reveal(ADMIN, "acc-1", "bearerToken")).isEqualTo("token-abc");
        assertThat(fixture.audit).extracting(e -> e.action()).contains("credential.reveal-failed");
    }

    @Test
    void aCiphertextCopiedOntoAnotherAccountDoesNotDecryptThere() {
        fixture.account("acc-3", "school-1", "runner-1");
        put("acc-1", "password", "Winter2026!");
        put("acc-3", "password", "Other2026!");
        Document source = fixture.mongo.getCollection("credentials")
                .flatMap(c -> Mono.from(c.find(new Document("_id", "acc-1/password")).first())).block();
        fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", "acc-3/password"),
                new Document("$set", new Document("ciphertext", source.get("ciphertext"))
                        .append("keyId", source.get("keyId"))))))
                .block();

        assertThat(status(fixture.vault.reveal(ADMIN, "acc-3", "password", "need it"))).isEqualTo(500);
    }

    @Test
    void aDifferentMasterKeyLocksTheVaultWithAProblemSayingTheKeyDoesNotMatch() throws Exception {
        put("acc-1", "password", "Winter2026!");

        fixture.open(new LocalMasterKey(LocalMasterKey.newKeyJson(), dir.resolve("unused")),
                VaultProperties.defaults());

        assertThat(fixture.keys.lockedBecause()).hasValueSatisfying(r -> assertThat(r).contains("does not match"));
        ErrorResponseException problem = problem(fixture.vault.reveal(ADMIN, "acc-1", "password", "need it"));
        assertThat(problem.getStatusCode().value()).isEqualTo(503);
        assertThat(problem.getBody().getDetail()).contains("master key does not match");
        assertThat(status(fixture.vault.put(ADMIN, "acc-1", "password", new NewSecret("New2026!x", null, null))))
                .isEqualTo(503);
        assertThat(fixture.vault.list(ADMIN, "acc-1").collectList().block()).hasSize(1);

        fixture.open(new LocalMasterKey("", dir.resolve("master.key")), VaultProperties.defaults());
        assertThat(reveal(ADMIN, "acc-1", "password")).isEqualTo("Winter2026!");
    }

    @Test
    void aMissingMasterKeyWithAStoredKeysetLocksTheVaultInsteadOfMakingANewKey() {
        put("acc-1", "password", "Winter2026!");
        Path elsewhere = dir.resolve("moved/master.key");

        fixture.open(new LocalMasterKey("", elsewhere), VaultProperties.defaults());

        assertThat(fixture.keys.lockedBecause()).hasValueSatisfying(r -> assertThat(r).contains("restore"));
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void aConnectorGetsTheSecretsItAsksForAndTheMapIsEmptiedAfterwards() {
        put("acc-1", "bearerToken", "token-abc");
        put("acc-1", "accessToken", "access-xyz");
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();

        String result = fixture.vault.withSecrets("acc-1", Set.of("bearerToken", "missing"), secrets -> {
            seen.set(secrets);
            return Mono.just("used " + new HashMap<>(secrets).keySet());
        }).block();

        assertThat(result).isEqualTo("used [bearerToken]");
        assertThat(seen.get()).isEmpty();
    }

    @Test
    void anOldAdministratorPasswordIsMarkedDueOnceAndStoringANewOneClearsIt() {
        put("acc-1", "password", "Winter2026!");
        put("acc-1", "bearerToken", "token-abc");
        fixture.clock.advance(Duration.ofDays(31));

        assertThat(fixture.vault.list(ADMIN, "acc-1").collectList().block())
                .filteredOn(m -> m.name().equals("password")).singleElement()
                .satisfies(m -> assertThat(m.rotationDue()).isTrue());
        assertThat(fixture.reminders.sweep().block()).isEqualTo(1L);
        assertThat(fixture.reminders.sweep().block()).isZero();

        assertThat(fixture.events).singleElement().isInstanceOfSatisfying(CredentialRotationDue.class,
                due -> assertThat(due.reason().detail()).contains("31 days old").contains("every 30 days"));
        put("acc-1", "password", "Spring2027!");
        assertThat(fixture.vault.list(ADMIN, "acc-1").collectList().block())
                .allSatisfy(m -> assertThat(m.rotationDue()).isFalse());
    }

    @Test
    void anOrdinaryPasswordIsDueOnlyAfterTheLongerAge() {
        fixture.vault.put(ADMIN, "acc-1", "password", new NewSecret("Winter2026!", null, false)).block();
        fixture.clock.advance(Duration.ofDays(31));

        assertThat(fixture.reminders.sweep().block()).isZero();
        fixture.clock.advance(Duration.ofDays(170));
        assertThat(fixture.reminders.sweep().block()).isEqualTo(1L);
    }

    @Test
    void whenARunnerLeavesEveryCredentialTheyCouldReachIsDue() {
        put("acc-1", "password", "Winter2026!");
        put("acc-2", "password", "Other2026!");

        fixture.reminders.staffLeft("runner-2", "school-1", "Sam Runner", fixture.clock.instant()).block();
        fixture.reminders.staffLeft("runner-2", "school-1", "Sam Runner", fixture.clock.instant()).block();

        assertThat(fixture.events).singleElement().isInstanceOfSatisfying(CredentialRotationDue.class, due -> {
            assertThat(due.accountId()).isEqualTo("acc-1");
            assertThat(due.reason().detail()).contains("Sam Runner, who had access, left");
        });
        assertThat(fixture.vault.list(ADMIN, "acc-2").blockFirst().rotationDue()).isFalse();
    }

    @Test
    void theSweepFindsALeaverWhoseEventWasMissed() {
        put("acc-1", "password", "Winter2026!");
        reveal(HEAD, "acc-1", "password");
        fixture.events.clear();
        fixture.person("head-1", "school-1", false, Role.HEADTEACHER);

        assertThat(fixture.reminders.sweep().block()).isEqualTo(1L);

        assertThat(fixture.vault.list(ADMIN, "acc-1").blockFirst().rotationDueReasons())
                .singleElement().satisfies(r -> assertThat(r.code()).isEqualTo("LEAVER"));
    }

    private CredentialMetadata put(String account, String name, String secret) {
        return fixture.vault.put(ADMIN, account, name, new NewSecret(secret, null, null)).block();
    }

    private String reveal(Caller caller, String account, String name) {
        return fixture.vault.reveal(caller, account, name, "locked out of the account").block().secret();
    }

    static int status(Mono<?> call) {
        try {
            call.block();
            return 200;
        } catch (ErrorResponseException e) {
            return e.getStatusCode().value();
        }
    }

    static ErrorResponseException problem(Mono<?> call) {
        try {
            call.block();
        } catch (ErrorResponseException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }
}
