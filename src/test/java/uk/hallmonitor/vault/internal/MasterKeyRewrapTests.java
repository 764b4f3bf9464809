package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.NewSecret;
import uk.hallmonitor.vault.VaultProperties;

/** {@code vault-rewrap}'s work over the real driver: a new master key seals the same keyset, or nothing changes. */
class MasterKeyRewrapTests {

    private static final Caller ADMIN = new Caller("admin-1", "admin", null, Set.of(Role.ADMIN));

    @TempDir
    Path dir;
    Path keyFile;
    VaultFixture fixture;

    @BeforeEach
    void start() {
        keyFile = dir.resolve("master.key");
        fixture = new VaultFixture(keyFile);
        fixture.account("acc-1", "school-1");
        Flux.range(0, 5).concatMap(i -> fixture.vault.put(ADMIN, "acc-1", "secret-" + i,
                new NewSecret("value-" + i + "-Pa55word", null, null))).blockLast();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void theKeysetIsResealedUnderANewKeyAndEverySecretStillDecryptsWithIt() throws Exception {
        String oldKey = Files.readString(keyFile);

        MasterKeyRewrap.Rewrapped done = rewrap().rewrap(new LocalMasterKey("", keyFile), keyFile);

        assertThat(done.newKeyFile()).isEqualTo(keyFile.toAbsolutePath());
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.readString(done.oldKeyBackup())).isEqualTo(oldKey);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(done.oldKeyBackup())))
                .isEqualTo("rw-------");
        assertThat(Files.exists(dir.resolve("master.key.new"))).isFalse();

        fixture.open(new LocalMasterKey("", keyFile), VaultProperties.defaults());
        assertThat(fixture.keys.lockedBecause()).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(reveal("secret-" + i)).isEqualTo("value-" + i + "-Pa55word");
        }
        fixture.open(new LocalMasterKey(oldKey, keyFile), VaultProperties.defaults());
        assertThat(fixture.keys.lockedBecause()).get().asString().contains("does not match");
    }

    @Test
    void aNewKeyFileElsewhereLeavesTheOldFileAloneAndMustNotExistYet() throws Exception {
        String oldKey = Files.readString(keyFile);
        Path elsewhere = dir.resolve("keys").resolve("next.key");

        MasterKeyRewrap.Rewrapped done = rewrap().rewrap(new LocalMasterKey("", keyFile), elsewhere);

        assertThat(done.oldKeyBackup()).isNull();
        assertThat(Files.readString(keyFile)).isEqualTo(oldKey);
        fixture.open(new LocalMasterKey("", elsewhere), VaultProperties.defaults());
        assertThat(reveal("secret-2")).isEqualTo("value-2-Pa55word");
        assertThatThrownBy(() -> rewrap().rewrap(new LocalMasterKey("", elsewhere), keyFile))
                .isInstanceOf(MasterKeyRewrap.Refused.class).hasMessageContaining("already exists");
    }

    @Test
    void aWrongOldMasterKeyIsRefusedClearlyAndChangesNothing() throws Exception {
        String rightKey = Files.readString(keyFile);
        Path wrongFile = dir.resolve("wrong.key");
        Files.writeString(wrongFile, LocalMasterKey.newKeyJson());
        KeysetDocument before = storedKeyset();
        List<Path> filesBefore = files();

        assertThatThrownBy(() -> rewrap().rewrap(new LocalMasterKey("", wrongFile), wrongFile))
                .isInstanceOf(MasterKeyRewrap.Refused.class)
                .hasMessageContaining("does not match the keyset stored in the database")
                .hasMessageContaining("nothing was changed")
                .satisfies(e -> assertThat(((MasterKeyRewrap.Refused) e).exitCode()).isEqualTo(2));

        KeysetDocument after = storedKeyset();
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(after.sealedKeyset()).isEqualTo(before.sealedKeyset());
        assertThat(Files.readString(keyFile)).isEqualTo(rightKey);
        assertThat(files()).isEqualTo(filesBefore);
        fixture.open(new LocalMasterKey("", keyFile), VaultProperties.defaults());
        assertThat(reveal("secret-4")).isEqualTo("value-4-Pa55word");
    }

    @Test
    void aKeysetHeldByAKeyRotationIsNotRewrapped() throws Exception {
        VaultKeyset keyset = fixture.keys.current().block();
        fixture.keys.replace(keyset, keyset.handle(), "rotating").block();
        String oldKey = Files.readString(keyFile);

        assertThatThrownBy(() -> rewrap().rewrap(new LocalMasterKey("", keyFile), keyFile))
                .isInstanceOf(MasterKeyRewrap.Refused.class).hasMessageContaining("rotating");

        assertThat(Files.readString(keyFile)).isEqualTo(oldKey);
    }

    @Test
    void aRewrapStoppedAfterItsDatabaseWriteIsFinishedByRunningItAgain() throws Exception {
        String oldKey = Files.readString(keyFile);
        rewrap().rewrap(new LocalMasterKey("", keyFile), keyFile);
        // as if the process had stopped before it moved the new key into place
        Files.move(keyFile, dir.resolve("master.key.new"));
        Files.writeString(keyFile, oldKey);

        MasterKeyRewrap.Rewrapped done = rewrap().rewrap(new LocalMasterKey("", keyFile), keyFile);

        assertThat(done.finishedAnInterruptedOne()).isTrue();
        assertThat(Files.readString(done.oldKeyBackup())).isEqualTo(oldKey);
        fixture.open(new LocalMasterKey("", keyFile), VaultProperties.defaults());
        assertThat(reveal("secret-0")).isEqualTo("value-0-Pa55word");
    }

    private MasterKeyRewrap rewrap() {
        return new MasterKeyRewrap(fixture.mongo, fixture.clock);
    }

    private KeysetDocument storedKeyset() {
        return fixture.mongo.findById(KeysetDocument.ID, KeysetDocument.class).block();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(dir)) {
            return listed.sorted().toList();
        }
    }

    private String reveal(String name) {
        return fixture.vault.reveal(ADMIN, "acc-1", name, "checking the rewrap").block().secret();
    }
}
