package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.SealedDataHolder;

/** The vault's REST endpoints through the whole service and the real MongoDB driver. */
class CredentialApiTests extends AppTestSupport {

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    VaultKeys keys;

    @Autowired
    VaultStartup vaultLifecycle;

    @Autowired
    List<SealedDataHolder> holders;

    @Test
    void anAdministratorStoresASecretThatIsNeverEchoedAndListedAsMetadataOnly() {
        ActiveAccount account = activeAccount("X", "1001", null);

        admin().put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Autumn2026-pass")).exchange()
                .expectStatus().isNoContent().expectBody().isEmpty();

        String listed = new String(as(account.runner1()).get()
                .uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("password")
                .jsonPath("$.items[0].kind").isEqualTo("PASSWORD")
                .jsonPath("$.items[0].createdBy").isEqualTo("admin")
                .jsonPath("$.items[0].ageDays").isEqualTo(0)
                .jsonPath("$.items[0].policy.result").isEqualTo("PASSED")
                .jsonPath("$.items[0].rotationDue").isEqualTo(false)
                .returnResult().getResponseBodyContent());
        assertThat(listed).doesNotContain("Autumn2026-pass").doesNotContain("\"secret\"");
    }

    @Test
    void aRevealNeedsAReasonReturnsThePlaintextOnceAndIsAudited() {
        ActiveAccount account = activeAccount("X", "1002", null);
        store(account.accountId(), "bearerToken", "AAAA-bearer-token-1002");

        admin().post().uri("/api/v1/accounts/{id}/credentials/bearerToken/reveal", account.accountId())
                .bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");

        admin().post().uri("/api/v1/accounts/{id}/credentials/bearerToken/reveal", account.accountId())
                .bodyValue(Map.of("reason", "connector set-up")).exchange()
                .expectStatus().isOk()
                .expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
                .expectBody().jsonPath("$.secret").isEqualTo("AAAA-bearer-token-1002");

        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", account.schoolId()).exchange()
                .expectStatus().isOk().expectBody(String.class)
                .value(audit -> assertThat(audit).contains("credential.revealed").contains("connector set-up")
                        .doesNotContain("AAAA-bearer-token-1002"));
    }

    @Test
    void theHeadTeachersBreakGlassWorksOnTheirSchoolOnly() {
        ActiveAccount account = activeAccount("X", "1003", null);
        ActiveAccount other = activeAccount("X", "1004", null);
        store(account.accountId(), "password", "Winter2026-head");
        store(other.accountId(), "password", "Winter2026-other");
        Person head = newStaff(account.schoolId(), "HEADTEACHER");
        // break-glass opens a day after the role is granted (issue 14, finding 2)
        clock.advance(Duration.ofHours(25));

        as(head).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "runner locked out during an incident")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("Winter2026-head");
        as(head).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", other.accountId())
                .bodyValue(Map.of("reason", "curious")).exchange()
                .expectStatus().isNotFound();

        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", account.schoolId()).exchange()
                .expectBody(String.class).value(audit -> assertThat(audit).contains("credential.break-glass"));
    }

    @ParameterizedTest(name = "{0} reveal: {1}")
    @CsvSource(textBlock = """
            runner,         403
            slt,            403
            dsl,            403
            otherSchoolSlt, 404
            """)
    void otherRolesCannotReveal(String who, int expected) {
        ActiveAccount account = activeAccount("X", "1005", null);
        store(account.accountId(), "password", "Winter2026-roles");
        Person caller = switch (who) {
            case "runner" -> account.runner1();
            case "slt" -> account.slt();
            case "dsl" -> account.dsl();
            default -> newStaff(newSchool(), "SLT", "HEADTEACHER");
        };

        as(caller).post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "want it")).exchange()
                .expectStatus().isEqualTo(expected)
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Winter2026-roles"));
    }

    @Test
    void aRunnerRevealsOnlyAfterTheSchoolAllowsIt() {
        ActiveAccount account = activeAccount("X", "1006", null);
        store(account.accountId(), "password", "Winter2026-runner");
        Person head = newStaff(account.schoolId(), "HEADTEACHER");
        WebTestClient runner = as(account.runner2());

        runner.post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "posting")).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("does not allow"));
        as(account.slt()).put().uri("/api/v1/vault/schools/{s}/settings", account.schoolId())
                .bodyValue(Map.of("runnersMayReveal", true)).exchange().expectStatus().isForbidden();
        as(head).put().uri("/api/v1/vault/schools/{s}/settings", account.schoolId())
                .bodyValue(Map.of("runnersMayReveal", true)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.runnersMayReveal").isEqualTo(true);

        runner.post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "posting")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.secret").isEqualTo("Winter2026-runner");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            runner stores,          runner,  403
            head teacher stores,    head,    403
            other school head,      outsider, 404
            """)
    void onlyAnAdministratorStoresSecrets(String label, String who, int expected) {
        ActiveAccount account = activeAccount("X", "1007", null);
        Person caller = switch (who) {
            case "runner" -> account.runner1();
            case "head" -> newStaff(account.schoolId(), "HEADTEACHER");
            default -> newStaff(newSchool(), "HEADTEACHER");
        };

        as(caller).put().uri("/api/v1/accounts/{id}/credentials/password", account.accountId())
                .bodyValue(Map.of("secret", "Sneaky2026")).exchange().expectStatus().isEqualTo(expected);
        admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @ParameterizedTest(name = "{0} lists: {1}")
    @CsvSource(textBlock = """
            runner,   200
            head,     200
            slt,      403
            moderatorElsewhere, 404
            """)
    void metadataIsForAdministratorsTheHeadTeacherAndRunners(String who, int expected) {
        ActiveAccount account = activeAccount("X", "1008", null);
        Person caller = switch (who) {
            case "runner" -> account.runner1();
            case "head" -> newStaff(account.schoolId(), "HEADTEACHER");
            case "slt" -> account.slt();
            default -> newStaff(newSchool(), "MODERATOR");
        };

        as(caller).get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectStatus().isEqualTo(expected);
    }

    @Test
    void badInputGivesAProblemNamingTheFieldAndChangesNothing() {
        ActiveAccount account = activeAccount("X", "1009", null);
        String uri = "/api/v1/accounts/" + account.accountId() + "/credentials/password";

        admin().put().uri(uri).bodyValue(Map.of("secret", "")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("secret");
        admin().put().uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"secret\": Unquoted-s3cret}")
                .exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Unquoted-s3cret"));
        admin().put().uri(uri).bodyValue(Map.of("secret", "x".repeat(64 * 1024 + 1))).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("secret");
        admin().put().uri(uri).bodyValue(Map.of("secret", "ok-1234", "kind", "BANANA")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
        admin().put().uri("/api/v1/accounts/no-such-account/credentials/password")
                .bodyValue(Map.of("secret", "Valid2026")).exchange().expectStatus().isNotFound();
        admin().post().uri(uri + "/reveal").bodyValue(Map.of("reason", "why not")).exchange()
                .expectStatus().isNotFound();

        admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectBody().jsonPath("$.total").isEqualTo(0);
    }

    @Test
    void aRevealWithABlankReasonOrOnAnUnknownAccountIsRefusedAndLeavesNoTrace() {
        ActiveAccount account = activeAccount("X", "1016", null);
        store(account.accountId(), "password", "Winter2026-blank");

        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "   ")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("reason");
        admin().post().uri("/api/v1/accounts/no-such-account/credentials/password/reveal")
                .bodyValue(Map.of("reason", "checking")).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        admin().get().uri("/api/v1/accounts/no-such-account/credentials").exchange().expectStatus().isNotFound();

        admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectBody().jsonPath("$.items[0].lastRevealedAt").doesNotExist();
        admin().get().uri("/api/v1/audit?schoolId={s}&size=200", account.schoolId()).exchange()
                .expectBody(String.class).value(audit -> assertThat(audit).doesNotContain("credential.revealed"));
    }

    @Test
    void theVaultsAdministrationIsForAdministratorsAndEachSchoolsOwnHeadTeacher() {
        ActiveAccount account = activeAccount("X", "1017", null);
        Person head = newStaff(account.schoolId(), "HEADTEACHER");
        Person otherHead = newStaff(newSchool(), "HEADTEACHER");
        String settings = "/api/v1/vault/schools/" + account.schoolId() + "/settings";

        as(account.slt()).get().uri("/api/v1/vault/status").exchange().expectStatus().isForbidden();
        admin().get().uri("/api/v1/vault/status").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("OPEN");
        as(account.slt()).get().uri("/api/v1/vault/key-rotations/{id}", "any").exchange()
                .expectStatus().isForbidden();
        as(head).get().uri(settings).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.runnersMayReveal").isEqualTo(false);
        as(account.runner1()).get().uri(settings).exchange().expectStatus().isForbidden();
        as(otherHead).get().uri(settings).exchange().expectStatus().isNotFound();
        as(otherHead).put().uri(settings).bodyValue(Map.of("runnersMayReveal", true)).exchange()
                .expectStatus().isNotFound();
        admin().get().uri("/api/v1/vault/schools/no-such-school/settings").exchange().expectStatus().isNotFound();
        as(head).put().uri(settings).bodyValue(Map.of("runnersMayReveal", "perhaps")).exchange()
                .expectStatus().isBadRequest();
        as(head).put().uri(settings).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("runnersMayReveal");

        as(head).get().uri(settings).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.runnersMayReveal").isEqualTo(false);
    }

    @Test
    void anAlteredCiphertextGivesAClearProblemAndTheOtherSecretsStillWork() {
        ActiveAccount account = activeAccount("X", "1010", null);
        store(account.accountId(), "password", "Winter2026-tamper");
        store(account.accountId(), "bearerToken", "bearer-tamper-ok");
        mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", account.accountId() + "/password"),
                new Document("$set", new Document("ciphertext", new Binary(new byte[] {1, 9, 9, 9, 9, 9, 9}))))))
                .block();

        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "check")).exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("does not decrypt"));
        admin().post().uri("/api/v1/accounts/{id}/credentials/bearerToken/reveal", account.accountId())
                .bodyValue(Map.of("reason", "check")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("bearer-tamper-ok");
    }

    @Test
    void anAdministratorRotatesTheKeysAndFollowsTheProgress() throws Exception {
        ActiveAccount account = activeAccount("X", "1011", null);
        store(account.accountId(), "password", "Winter2026-rotate");
        ActiveAccount outsider = activeAccount("X", "1012", null);
        int sealedUnder = keys.current().block().primaryKeyId();

        as(outsider.slt()).post().uri("/api/v1/vault/key-rotations").exchange().expectStatus().isForbidden();
        String id = admin().post().uri("/api/v1/vault/key-rotations").exchange()
                .expectStatus().isAccepted()
                .expectHeader().valueMatches("Location", "/api/v1/vault/key-rotations/.+")
                .expectBody(KeyRotationStatus.class).returnResult().getResponseBody().id();

        KeyRotationStatus done = waitForEnd(id);
        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.primaryKeyId()).isNotEqualTo(sealedUnder);
        // the key this credential was sealed under is retired unless other modules' data is still sealed under it
        // (in the shared context an earlier test class may have sealed, say, an own-post roster with it)
        boolean stillSealedElsewhere = holders.stream().anyMatch(h -> h.countUnderKey(sealedUnder).block() > 0);
        if (stillSealedElsewhere) {
            assertThat(done.retiredKeyIds()).doesNotContain(sealedUnder);
        } else if (done.failedCredentialIds().isEmpty()) {
            assertThat(done.retiredKeyIds()).contains(sealedUnder);
        }
        admin().get().uri("/api/v1/vault/key-rotations/{id}", "no-such-rotation").exchange()
                .expectStatus().isNotFound();
        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "after rotation")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("Winter2026-rotate");
    }

    @Test
    void aRotationStartedAfterTheServiceWasPausedAndResumedCompletes() throws Exception {
        // the stop and start that Spring's test context cache gives this shared context's lifecycle beans when it
        // pauses and resumes it between test classes: before the fix, every rotation launched after it stayed RUNNING
        ActiveAccount account = activeAccount("X", "1015", null);
        store(account.accountId(), "password", "Winter2026-paused");
        vaultLifecycle.stop();
        vaultLifecycle.start();

        String id = admin().post().uri("/api/v1/vault/key-rotations").exchange()
                .expectStatus().isAccepted()
                .expectBody(KeyRotationStatus.class).returnResult().getResponseBody().id();

        assertThat(waitForEnd(id).state()).isEqualTo(KeyRotationStatus.COMPLETED);
        admin().post().uri("/api/v1/accounts/{id}/credentials/password/reveal", account.accountId())
                .bodyValue(Map.of("reason", "after a pause")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.secret").isEqualTo("Winter2026-paused");
    }

    @Test
    void aRotationAskedForWhileAnotherHoldsTheKeysetGets409() {
        VaultKeyset keyset = keys.current().block();
        keys.replace(keyset, keyset.handle(), "held-by-test").block();
        try {
            admin().post().uri("/api/v1/vault/key-rotations").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("held-by-test"));
        } finally {
            VaultKeyset held = keys.current().block();
            keys.replace(held, held.handle(), null).block();
        }
    }

    @Test
    void twoRotationsRequestedTogetherLetOneWinAndRefuseTheOther() throws Exception {
        ActiveAccount account = activeAccount("X", "1013", null);
        for (int i = 0; i < 40; i++) {
            store(account.accountId(), "token" + i, "token-value-" + i);
        }
        List<Integer> statuses = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            threads.add(new Thread(() -> {
                int status = admin().post().uri("/api/v1/vault/key-rotations").exchange()
                        .returnResult(String.class).getStatus().value();
                synchronized (statuses) {
                    statuses.add(status);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(1).toMillis());
        }

        // the loser either saw the keyset held or lost the write race: 409 both ways
        assertThat(statuses).containsExactlyInAnyOrder(202, 409);
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(keys.current().block().rotationId())
                .as("the winner ran to the end and released the keyset").isNull());
    }

    @Test
    void whenARunnerLeavesTheAccountsCredentialsAreMarkedDueWithTheReason() {
        ActiveAccount account = activeAccount("X", "1014", null);
        store(account.accountId(), "password", "Winter2026-leaver");

        admin().post().uri("/api/v1/staff/{id}/leave", account.runner2().id()).exchange().expectStatus().isOk();

        admin().get().uri("/api/v1/accounts/{id}/credentials", account.accountId()).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.items[0].rotationDue").isEqualTo(true)
                .jsonPath("$.items[0].rotationDueReasons[0].code").isEqualTo("LEAVER")
                .jsonPath("$.items[0].rotationDueReasons[0].detail")
                .value(d -> assertThat((String) d).contains("who had access, left"));
    }

    /** Polls the rotation until it is no longer RUNNING (one minute at most: the machines are shared). */
    private KeyRotationStatus waitForEnd(String id) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> admin().get()
                .uri("/api/v1/vault/key-rotations/{id}", id).exchange().expectStatus().isOk()
                .expectBody(KeyRotationStatus.class).returnResult().getResponseBody(),
                status -> status != null && !status.state().equals(KeyRotationStatus.RUNNING));
    }

    private void store(String accountId, String name, String secret) {
        admin().put().uri("/api/v1/accounts/{id}/credentials/{name}", accountId, name)
                .bodyValue(Map.of("secret", secret)).exchange().expectStatus().isNoContent();
    }

    static String unique() {
        return UUID.randomUUID().toString();
    }
}
