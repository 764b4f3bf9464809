package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.VaultProperties;

class KeyRotationTests {

    private static final Caller ADMIN = new Caller("admin-1", "admin", null, Set.of(Role.ADMIN));

    @TempDir
    Path dir;
    VaultFixture fixture;

    @BeforeEach
    void start() {
        fixture = new VaultFixture(dir.resolve("master.key"));
        fixture.open(new LocalMasterKey("", dir.resolve("master.key")),
                new VaultProperties(null, null, null, null, null, null, null, 50, null));
        fixture.account("acc-1", "school-1");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void everyRecordIsReencryptedUnderTheNewPrimaryAndTheOldKeyIsRetired() {
        storeMany(120);
        int oldKey = fixture.keys.current().block().primaryKeyId();

        KeyRotationStatus done = fixture.rotations.runToEnd("admin").block();

        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.total()).isEqualTo(120);
        assertThat(done.reencrypted()).isEqualTo(120);
        assertThat(done.retiredKeyIds()).containsExactly(oldKey);
        VaultKeyset now = fixture.keys.current().block();
        assertThat(now.keyIds()).containsExactly(now.primaryKeyId()).doesNotContain(oldKey);
        assertThat(now.rotationId()).isNull();
        assertThat(fixture.credentials.countNotUnderKey(now.primaryKeyId()).block()).isZero();
        for (int i = 0; i < 120; i += 17) {
            assertThat(reveal("secret-" + i)).isEqualTo("value-" + i + "-Pa55word");
        }
    }

    @Test
    void aRecordThatNoLongerDecryptsIsListedAndKeepsItsKeySoNothingIsLost() {
        storeMany(10);
        int oldKey = fixture.keys.current().block().primaryKeyId();
        fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", "acc-1/secret-3"),
                new Document("$set", new Document("ciphertext", new Binary(new byte[] {1, 2, 3})))))).block();

        KeyRotationStatus done = fixture.rotations.runToEnd("admin").block();

        assertThat(done.failedCredentialIds()).containsExactly("acc-1/secret-3");
        assertThat(done.reencrypted()).isEqualTo(9);
        assertThat(done.retiredKeyIds()).isEmpty();
        assertThat(fixture.keys.current().block().keyIds()).contains(oldKey);
        assertThat(reveal("secret-4")).isEqualTo("value-4-Pa55word");
    }

    @Test
    void aLaterRotationDrainsEveryOlderKeyAndListsTheUndecryptableRecordAgain() {
        storeMany(130);
        fixture.mongo.getCollection("credentials").flatMap(c -> Mono.from(c.updateOne(
                new Document("_id", "acc-1/secret-7"),
                new Document("$set", new Document("ciphertext", new Binary(new byte[] {4, 5, 6})))))).block();
        KeyRotationStatus first = fixture.rotations.runToEnd("admin").block();
        assertThat(first.failedCredentialIds()).containsExactly("acc-1/secret-7");
        // stored between the two rotations: under the first rotation's key, which the second one retires
        fixture.vault.put(ADMIN, "acc-1", "secret-8", new NewSecret("rewritten-8-Pa55", null, null)).block();
        VaultKeyset between = fixture.keys.current().block();
        assertThat(between.keyIds()).hasSize(2);

        KeyRotationStatus second = fixture.rotations.runToEnd("admin").block();

        assertThat(second.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(second.failedCredentialIds()).containsExactly("acc-1/secret-7");
        assertThat(second.reencrypted()).isEqualTo(129);
        assertThat(second.retiredKeyIds()).containsExactly(between.primaryKeyId());
        assertThat(fixture.keys.current().block().keyIds()).hasSize(2);
        assertThat(reveal("secret-8")).isEqualTo("rewritten-8-Pa55");
        assertThat(reveal("secret-129")).isEqualTo("value-129-Pa55word");
    }

    @Test
    void aSecondRotationWhileOneHoldsTheKeysetIsRefusedWith409() {
        VaultKeyset keyset = fixture.keys.current().block();
        fixture.keys.replace(keyset, keyset.handle(), "running-one").block();

        assertThat(TinkCredentialVaultTests.status(fixture.vault.rotateKeys(ADMIN))).isEqualTo(409);
        assertThat(TinkCredentialVaultTests.problem(fixture.vault.rotateKeys(ADMIN)).getBody().getDetail())
                .contains("running-one");
    }

    @Test
    void twoRotationsStartedTogetherLetExactlyOneWin() {
        storeMany(200);

        var outcomes = Flux.merge(
                Mono.defer(() -> fixture.vault.rotateKeys(ADMIN)).map(s -> 202)
                        .onErrorResume(e -> Mono.just(TinkCredentialVaultTests.status(Mono.error(e)))),
                Mono.defer(() -> fixture.vault.rotateKeys(ADMIN)).map(s -> 202)
                        .onErrorResume(e -> Mono.just(TinkCredentialVaultTests.status(Mono.error(e)))))
                .collectList().block();

        assertThat(outcomes).containsExactlyInAnyOrder(202, 409);
    }

    @Test
    void secretsChangedWhileARotationRunsAreKeptAndTheRotationStillRetiresTheOldKey() throws Exception {
        storeMany(300);
        int oldKey = fixture.keys.current().block().primaryKeyId();

        KeyRotationStatus started = fixture.rotations.start("admin").block();
        for (int i = 0; i < 300; i += 10) {
            fixture.vault.put(ADMIN, "acc-1", "secret-" + i, new NewSecret("changed-" + i + "-Pa55", null, null))
                    .block();
        }
        KeyRotationStatus done = waitFor(started.id());

        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.retiredKeyIds()).containsExactly(oldKey);
        for (int i = 0; i < 300; i += 10) {
            assertThat(reveal("secret-" + i)).isEqualTo("changed-" + i + "-Pa55");
            assertThat(reveal("secret-" + (i + 1))).isEqualTo("value-" + (i + 1) + "-Pa55word");
        }
    }

    @Test
    void aRotationCutShortByARestartIsResumed() throws Exception {
        storeMany(30);
        VaultKeyset keyset = fixture.keys.current().block();
        String held = "cut-short";
        fixture.keys.replace(keyset, Keysets.withNewPrimary(keyset.handle()), held).block();

        fixture.open(new LocalMasterKey("", dir.resolve("master.key")), VaultProperties.defaults());
        fixture.rotations.resumeUnfinished();
        KeyRotationStatus done = waitFor(held);

        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.reencrypted()).isEqualTo(30);
        assertThat(fixture.keys.current().block().keyIds()).hasSize(1);
    }

    @Test
    void aRotationStartedAfterTheVaultWasStoppedAndStartedAgainRunsToTheEnd() throws Exception {
        // the cause of the rotations that stayed RUNNING for ever in the shared test context: Spring's context cache
        // pauses (stops) an idle context and starts it again, and every rotation launched after that was cancelled
        storeMany(20);
        fixture.rotations.stop();
        fixture.rotations.resumeUnfinished();

        KeyRotationStatus started = fixture.rotations.start("admin").block();
        KeyRotationStatus done = waitFor(started.id());

        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.reencrypted()).isEqualTo(20);
        assertThat(fixture.keys.current().block().rotationId()).isNull();
    }

    @Test
    void aRotationPausedByAStopStaysRunningAndCarriesOnAtTheNextStart() throws Exception {
        storeMany(300);
        int oldKey = fixture.keys.current().block().primaryKeyId();

        KeyRotationStatus started = fixture.rotations.start("admin").block();
        fixture.rotations.stop();
        // a paused rotation stays RUNNING, however long the stop lasts
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> KeyRotationStatus.RUNNING
                .equals(fixture.rotations.find(started.id()).block().state()));
        assertThat(fixture.keys.current().block().rotationId()).isEqualTo(started.id());

        fixture.rotations.resumeUnfinished();
        KeyRotationStatus done = waitFor(started.id());

        assertThat(done.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(done.retiredKeyIds()).containsExactly(oldKey);
        assertThat(fixture.credentials.countNotUnderKey(done.primaryKeyId()).block()).isZero();
        assertThat(reveal("secret-299")).isEqualTo("value-299-Pa55word");
    }

    @Test
    void aRotationWhoseStoreStopsAnsweringEndsFailedWithTheReasonAndCanBeStartedAgain() throws Exception {
        storeMany(10);
        CredentialRecords silent = new CredentialRecords(fixture.mongo) {
            @Override
            Flux<CredentialDocument> notUnderKey(int keyId, String afterId, int limit) {
                return Flux.never();
            }
        };
        KeyRotations stalling = new KeyRotations(fixture.keys, silent, new KeyRotationRecords(fixture.mongo),
                fixture.clock, 50, Duration.ofMillis(300));

        KeyRotationStatus started = stalling.start("admin").block();
        KeyRotationStatus failed = waitFor(started.id());

        assertThat(failed.state()).isEqualTo(KeyRotationStatus.FAILED);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.message()).contains("no progress").contains("start a new rotation");
        assertThat(fixture.keys.current().block().rotationId()).isNull();
        KeyRotationStatus retried = waitFor(fixture.rotations.start("admin").block().id());
        assertThat(retried.state()).isEqualTo(KeyRotationStatus.COMPLETED);
        assertThat(fixture.keys.current().block().keyIds()).hasSize(1);
        assertThat(reveal("secret-3")).isEqualTo("value-3-Pa55word");
    }

    @Test
    void aRotationThatRecordedItsEndButStillHoldsTheKeysetReleasesItAtTheNextStart() throws Exception {
        storeMany(5);
        VaultKeyset before = fixture.keys.current().block();
        int oldKey = before.primaryKeyId();
        VaultKeyset held = fixture.keys.replace(before, Keysets.withNewPrimary(before.handle()), "ended").block();
        for (CredentialDocument record : fixture.credentials.page(null, 10).collectList().block()) {
            fixture.credentials.reencrypt(record, held.seal(record.owner(), held.open(record.owner(),
                    record.ciphertext())), held.primaryKeyId()).block();
        }
        new KeyRotationRecords(fixture.mongo).insert(new KeyRotationDocument("ended", KeyRotationStatus.COMPLETED,
                "admin", fixture.clock.instant(), fixture.clock.instant(), held.primaryKeyId(), 5, 5, List.of(),
                List.of(oldKey), null)).block();

        fixture.rotations.resumeUnfinished();
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.keys.current().block().rotationId() == null);

        VaultKeyset now = fixture.keys.current().block();
        assertThat(now.rotationId()).isNull();
        assertThat(now.keyIds()).containsExactly(held.primaryKeyId());
        assertThat(reveal("secret-4")).isEqualTo("value-4-Pa55word");
    }

    @Test
    void aRunningRecordThatNoLongerHoldsTheKeysetIsMarkedFailedAtTheNextStart() throws Exception {
        new KeyRotationRecords(fixture.mongo).insert(new KeyRotationDocument("orphan", KeyRotationStatus.RUNNING,
                "admin", fixture.clock.instant(), null, 1, 5, 2, List.of(), List.of(), null)).block();

        fixture.rotations.resumeUnfinished();
        KeyRotationStatus ended = waitFor("orphan");

        assertThat(ended.state()).isEqualTo(KeyRotationStatus.FAILED);
        assertThat(ended.message()).contains("interrupted").contains("start a new rotation");
    }

    private KeyRotationStatus waitFor(String id) {
        // a rotation records its end first and lets go of the keyset just after: wait for both
        return await().atMost(Duration.ofMinutes(1)).until(() -> fixture.rotations.find(id)
                .block(Duration.ofSeconds(10)),
                status -> status != null
                        && !KeyRotationStatus.RUNNING.equals(status.state())
                        && !id.equals(fixture.keys.current().block(Duration.ofSeconds(10)).rotationId()));
    }

    private void storeMany(int count) {
        Flux.range(0, count)
                .concatMap(i -> fixture.vault.put(ADMIN, "acc-1", "secret-" + i,
                        new NewSecret("value-" + i + "-Pa55word", null, null)))
                .blockLast();
    }

    private String reveal(String name) {
        return fixture.vault.reveal(ADMIN, "acc-1", name, "checking the rotation").block().secret();
    }
}
