package uk.hallmonitor.vault.internal;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.SecretKind;

/**
 * A whole key rotation over {@code records} stored secrets: new primary key, every record read, decrypted,
 * re-encrypted and written back with its precondition through the real MongoDB driver (to the in-memory embedded
 * server), then the old key retired. One single shot on a freshly seeded store: the figure includes a cold JIT.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class KeyRotationBenchmark {

    @Param({"100000"})
    int records;

    VaultFixture fixture;

    @Setup(Level.Iteration)
    public void seed() throws Exception {
        fixture = new VaultFixture(Files.createTempDirectory("rotation-bench").resolve("master.key"));
        VaultKeyset keyset = fixture.keys.current().block();
        Instant now = Instant.parse("2026-11-23T09:00:00Z");
        List<CredentialDocument> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String account = "acc-" + (i / 5);
            String name = "secret-" + (i % 5);
            SecretOwner owner = new SecretOwner("school-" + (i / 500), account, name);
            batch.add(new CredentialDocument(CredentialDocument.idOf(account, name), owner.schoolId(), account, name,
                    SecretKind.API_TOKEN, false, keyset.seal(owner, "token-value-" + i), keyset.primaryKeyId(), 1, now,
                    "bench", null, null, "NOT_APPLICABLE", null, List.of(), false, List.of(), List.of(), null, null));
            if (batch.size() == 5000) {
                Flux.fromIterable(List.copyOf(batch)).collectList()
                        .flatMapMany(docs -> fixture.mongo.insertAll(docs)).blockLast();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            fixture.mongo.insertAll(batch).blockLast();
        }
    }

    @Benchmark
    public KeyRotationStatus rotateEverything() {
        KeyRotationStatus status = fixture.rotations.runToEnd("benchmark").block();
        if (status.reencrypted() != records || status.retiredKeyIds().size() != 1) {
            throw new IllegalStateException("rotation incomplete: " + status);
        }
        return status;
    }

    @TearDown(Level.Iteration)
    public void close() {
        fixture.close();
    }
}
