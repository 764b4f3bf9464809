package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.HeldSession;
import uk.hallmonitor.vault.NewSecret;

/** The vault's write path for sessions connectors keep: sealed, bound, compare-and-set, audited, never revealed. */
class ConnectorSessionTests {

    private static final Caller ADMIN = new Caller("admin-1", "admin", null, Set.of(Role.ADMIN));
    private static final String SESSION = "{\"accessJwt\":\"access-one-secret\",\"refreshJwt\":\"refresh-one-secret\"}";

    @TempDir
    Path dir;
    VaultFixture fixture;

    @BeforeEach
    void start() {
        fixture = new VaultFixture(dir.resolve("master.key"));
        fixture.account("acc-1", "school-1", "runner-1");
        fixture.account("acc-2", "school-1", "runner-1");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aKeptSessionIsStoredAsCiphertextOnlyAndReadBackWithItsRevision() {
        assertThat(fixture.vault.heldSession("acc-1", "bluesky.session").block()).isEqualTo(HeldSession.NONE);

        assertThat(fixture.vault.keepSession("acc-1", "bluesky.session", 0, SESSION).block()).isTrue();

        HeldSession held = fixture.vault.heldSession("acc-1", "bluesky.session").block();
        assertThat(held.value()).isEqualTo(SESSION);
        assertThat(held.revision()).isEqualTo(1);
        assertThat(held.toString()).doesNotContain("secret");
        Document raw = fixture.mongo.getCollection("connector_sessions")
                .flatMap(c -> Mono.from(c.find().first())).block();
        assertThat(raw.toJson()).doesNotContain("access-one-secret").doesNotContain("refresh-one-secret");
        assertThat(new String(((Binary) raw.get("ciphertext")).getData(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("access-one");
        assertThat(fixture.audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("credential.session-kept");
            assertThat(e.actor()).isEqualTo("connector");
            assertThat(e.schoolId()).isEqualTo("school-1");
            assertThat(String.valueOf(e.after())).contains("bluesky.session").doesNotContain("secret");
        });
    }

    @Test
    void theCredentialsApiNeitherListsNorRevealsAKeptSession() {
        fixture.vault.put(ADMIN, "acc-1", "appPassword", new NewSecret("abcd-efgh-ijkl-mnop", null, null)).block();
        fixture.vault.keepSession("acc-1", "bluesky.session", 0, SESSION).block();

        assertThat(fixture.vault.list(ADMIN, "acc-1").collectList().block())
                .extracting(m -> m.name()).containsExactly("appPassword");
        assertThat(TinkCredentialVaultTests.status(fixture.vault.reveal(ADMIN, "acc-1", "bluesky.session",
                "checking the session"))).isEqualTo(404);
    }

    @Test
    void ofTwoWritersThatReadTheSameRevisionOnlyTheFirstIsKeptAndTheSecondChangesNothing() {
        fixture.vault.keepSession("acc-1", "bluesky.session", 0, SESSION).block();
        HeldSession read = fixture.vault.heldSession("acc-1", "bluesky.session").block();

        List<Boolean> outcomes = Flux.just("{\"accessJwt\":\"from-instance-a\"}", "{\"accessJwt\":\"from-instance-b\"}")
                .concatMap(value -> fixture.vault.keepSession("acc-1", "bluesky.session", read.revision(), value))
                .collectList().block();

        assertThat(outcomes).containsExactly(true, false);
        HeldSession now = fixture.vault.heldSession("acc-1", "bluesky.session").block();
        assertThat(now.value()).contains("from-instance-a");
        assertThat(now.revision()).isEqualTo(2);
        assertThat(fixture.audit).filteredOn(e -> e.action().equals("credential.session-kept")).hasSize(2);
    }

    @Test
    void twoFirstWritersRaceOnTheUniqueIdAndOneLoses() {
        List<Boolean> outcomes = Flux.just("{\"accessJwt\":\"a\"}", "{\"accessJwt\":\"b\"}")
                .flatMap(value -> fixture.vault.keepSession("acc-1", "bluesky.session", 0, value))
                .collectList().block();

        assertThat(outcomes).containsExactlyInAnyOrder(true, false);
        assertThat(fixture.vault.heldSession("acc-1", "bluesky.session").block().revision()).isEqualTo(1);
    }

    @Test
    void aSessionCopiedOntoAnotherAccountDoesNotOpenAndIsReplacedAtItsRevision() {
        fixture.vault.keepSession("acc-1", "bluesky.session", 0, SESSION).block();
        fixture.vault.keepSession("acc-2", "bluesky.session", 0, "{\"accessJwt\":\"acc-2\"}").block();
        Document stolen = fixture.mongo.getCollection("connector_sessions")
                .flatMap(c -> Mono.from(c.find(new Document("_id", "acc-1/bluesky.session")).first())).block();
        fixture.mongo.updateFirst(Query.query(Criteria.where("_id").is("acc-2/bluesky.session")),
                new Update().set("ciphertext", stolen.get("ciphertext")), "connector_sessions").block();

        HeldSession held = fixture.vault.heldSession("acc-2", "bluesky.session").block();

        assertThat(held.value()).isNull();
        assertThat(held.revision()).isEqualTo(1);
        assertThat(fixture.vault.keepSession("acc-2", "bluesky.session", held.revision(), "{\"accessJwt\":\"new\"}")
                .block()).isTrue();
        assertThat(fixture.vault.heldSession("acc-2", "bluesky.session").block().value()).contains("new");
    }

    @Test
    void aKeyStillSealingASessionIsCountedSoKeyRotationKeepsIt() {
        fixture.vault.keepSession("acc-1", "bluesky.session", 0, SESSION).block();
        Document raw = fixture.mongo.getCollection("connector_sessions")
                .flatMap(c -> Mono.from(c.find().first())).block();

        assertThat(fixture.sessions.countUnderKey(raw.getInteger("keyId")).block()).isEqualTo(1);
    }

    @Test
    void aBadNameOrAnEmptySessionIsRefusedAndNothingIsWritten() {
        assertThat(TinkCredentialVaultTests.status(fixture.vault.keepSession("acc-1", "../x", 0, SESSION)))
                .isEqualTo(400);
        assertThat(TinkCredentialVaultTests.status(fixture.vault.keepSession("acc-1", "bluesky.session", 0, "")))
                .isEqualTo(400);
        assertThat(TinkCredentialVaultTests.status(fixture.vault.keepSession("nobody", "bluesky.session", 0,
                SESSION))).isEqualTo(404);
        assertThat(fixture.mongo.getCollection("connector_sessions").flatMap(c -> Mono.from(c.countDocuments()))
                .block()).isZero();
    }
}
