package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.SealedData;
import uk.hallmonitor.vault.SealedDataHolder;

/** Other modules' data sealed with the vault's keys: bound to its context, and never orphaned by a key rotation. */
class DataSealTests {

    @TempDir
    Path dir;
    VaultFixture fixture;
    TinkDataSeal seal;

    @BeforeEach
    void open() {
        fixture = new VaultFixture(dir.resolve("master.key"));
        seal = new TinkDataSeal(fixture.keys);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void sealedDataOpensOnlyInItsOwnContext() {
        SealedData sealed = seal.seal("roster:school-1:v1", bytes("Amelia Sutcliffe")).block();

        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Amelia");
        assertThat(seal.open("roster:school-1:v1", sealed).block()).isEqualTo(bytes("Amelia Sutcliffe"));
        assertThatThrownBy(() -> seal.open("roster:school-2:v1", sealed).block())
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void aRotationKeepsAKeyWhileAHolderStillHasDataUnderIt() {
        SealedData sealed = seal.seal("roster:school-1:v1", bytes("Grace Adeyemi")).block();
        AtomicLong stillUnderOldKey = new AtomicLong(1);
        SealedDataHolder holder = keyId -> Mono.just(keyId == sealed.keyId() ? stillUnderOldKey.get() : 0L);
        KeyRotations rotations = new KeyRotations(fixture.keys, fixture.credentials,
                new KeyRotationRecords(fixture.mongo), fixture.clock, 100, java.time.Duration.ofMinutes(1),
                List.of(holder));

        KeyRotationStatus first = rotations.runToEnd("admin").block();
        assertThat(first.retiredKeyIds()).doesNotContain(sealed.keyId());
        assertThat(seal.open("roster:school-1:v1", sealed).block()).isEqualTo(bytes("Grace Adeyemi"));

        // once the holder has moved its data on, the next rotation retires the key
        stillUnderOldKey.set(0);
        KeyRotationStatus second = rotations.runToEnd("admin").block();
        assertThat(second.retiredKeyIds()).contains(sealed.keyId());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
