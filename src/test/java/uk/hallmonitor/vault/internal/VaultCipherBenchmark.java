package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.KeysetHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypt + decrypt of one secret with its owner as associated data (Tink AES256-GCM), the vault's per-secret
 * cost. Run by hand: see deploy/docs/vault.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class VaultCipherBenchmark {

    @Param({"32", "4096"})
    int secretLength;

    VaultKeyset keyset;
    SecretOwner owner;
    String secret;

    @Setup
    public void setUp() throws Exception {
        KeysetHandle handle = Keysets.generate();
        keyset = new VaultKeyset(handle, Keysets.aead(handle), 1, null);
        owner = new SecretOwner("school-0123456789", "account-0123456789", "password");
        secret = "s".repeat(secretLength - 1) + "1";
    }

    @Benchmark
    public String encryptThenDecrypt() throws Exception {
        return keyset.open(owner, keyset.seal(owner, secret));
    }
}
