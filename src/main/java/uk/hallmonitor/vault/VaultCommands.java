package uk.hallmonitor.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.ErrorResponseException;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.internal.LocalMasterKey;

/**
 * The vault's command-line tools: {@code vault-master-key} writes a new master key file (no database needed), and
 * {@code vault-rotate-keys} runs a whole key rotation against the configured store without the web server (offline
 * with the embedded store while the service is stopped; online against a shared MongoDB while it runs, since only
 * one rotation can hold the keyset at a time).
 */
public final class VaultCommands {

    private VaultCommands() {
    }

    /** {@code vault-master-key --out FILE}: a new Tink master key, in a file only its owner can read. */
    public static int newMasterKey(String[] args) {
        if (args.length != 2 || !args[0].equals("--out")) {
            System.err.println("usage: vault-master-key --out FILE   (the file must not exist yet)");
            return 64;
        }
        Path file = Path.of(args[1]).toAbsolutePath();
        try {
            String json = LocalMasterKey.newKeyJson();
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            System.out.println("wrote a new master key to " + file + " (owner read/write only); keep a copy apart"
                    + " from the database backups");
            return 0;
        } catch (IOException | GeneralSecurityException e) {
            System.err.println("cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** {@code vault-rotate-keys}: new primary key, every record re-encrypted, old keys retired; waits for the end. */
    public static int rotateKeys(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
                .web(WebApplicationType.NONE).run(args)) {
            CredentialVault vault = context.getBean(CredentialVault.class);
            Caller operator = new Caller(null, "command-line", null, Set.of(Role.ADMIN));
            KeyRotationStatus status = vault.rotateKeys(operator).block(Duration.ofMinutes(1));
            System.out.println("key rotation " + status.id() + " started: " + status.total() + " record(s) to"
                    + " re-encrypt under key " + status.primaryKeyId());
            while (KeyRotationStatus.RUNNING.equals(status.state())) {
                Thread.sleep(1000);
                status = vault.keyRotation(operator, status.id()).block(Duration.ofMinutes(1));
                System.out.println("  " + status.reencrypted() + " / " + status.total());
            }
            System.out.println("key rotation " + status.id() + " " + status.state() + ": " + status.reencrypted()
                    + " re-encrypted, failed " + status.failedCredentialIds() + ", keys retired "
                    + status.retiredKeyIds() + (status.message() == null ? "" : "; " + status.message()));
            return KeyRotationStatus.COMPLETED.equals(status.state()) && status.failedCredentialIds().isEmpty() ? 0 : 1;
        } catch (ErrorResponseException e) {
            System.err.println("key rotation refused: " + e.getBody().getDetail());
            return e.getStatusCode().value() == 409 ? 3 : 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    // looked up by name: the root package registers these commands, so importing it back would make a cycle
    private static Class<?> applicationClass() {
        try {
            return Class.forName("uk.hallmonitor.HallmonitorApplication");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
