package uk.hallmonitor.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.web.ErrorResponseException;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.vault.internal.LocalMasterKey;
import uk.hallmonitor.vault.internal.MasterKeyRewrap;

/**
 * The vault's command-line tools: {@code vault-master-key} writes a new master key file (no database needed),
 * {@code vault-rewrap} re-seals the keyset under a new master key, and {@code vault-rotate-keys} runs a whole key rotation against the configured store without the web server (offline
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
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
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

    /**
     * {@code vault-rewrap [--old-key-file FILE] [--new-key-file FILE] [--setting=value ...]}: re-seals the keyset
     * under a new master key, with every instance of the service stopped. The old key defaults to the configured
     * one; the new key goes to the configured key file (the old content kept as a dated backup beside it) unless
     * {@code --new-key-file} names another file, which must not exist yet.
     */
    public static int rewrap(String[] args) {
        Path oldKeyFile = null;
        Path newKeyFile = null;
        List<String> settings = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--old-key-file") || args[i].equals("--new-key-file")) && i + 1 < args.length) {
                Path file = Path.of(args[i + 1]).toAbsolutePath();
                if (args[i].equals("--old-key-file")) {
                    oldKeyFile = file;
                } else {
                    newKeyFile = file;
                }
                i++;
            } else if (args[i].startsWith("--") && args[i].contains("=")) {
                settings.add(args[i]);
            } else {
                System.err.println("usage: vault-rewrap [--old-key-file FILE] [--new-key-file FILE] [--setting=value"
                        + " ...]   (stop every instance of the service first)");
                return 64;
            }
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
                .web(WebApplicationType.NONE).run(settings.toArray(String[]::new))) {
            if (context.getBeanNamesForType(MasterKeySource.class).length > 0) {
                System.err.println("vault-rewrap refused: the master key comes from a KMS (a MasterKeySource bean);"
                        + " rotate it in the KMS instead");
                return 2;
            }
            LocalMasterKey configured = MasterKeyRewrap.configuredKey(context.getBean(VaultProperties.class),
                    context.getEnvironment());
            LocalMasterKey oldKey = oldKeyFile == null ? configured : new LocalMasterKey("", oldKeyFile);
            Path target = newKeyFile != null ? newKeyFile : oldKeyFile != null ? oldKeyFile : configured.keyFileIfAny();
            if (target == null) {
                System.err.println("vault-rewrap refused: the master key comes from HALLMONITOR_MASTER_KEY (or the"
                        + " hallmonitor.vault.master-key setting); name the file for the new key with --new-key-file"
                        + " FILE, then put its content in that setting");
                return 64;
            }
            com.google.crypto.tink.Aead oldAead;
            try {
                oldAead = oldKey.find().orElse(null);
            } catch (GeneralSecurityException e) {
                // the rewrap below says what is wrong with the old key
                oldAead = null;
            }
            MasterKeyRewrap.Rewrapped done = new MasterKeyRewrap(context.getBean(ReactiveMongoTemplate.class),
                    context.getBean(Clock.class)).rewrap(oldKey, target);
            // the audit chain's HMAC key is sealed by the same master key: move it to the new one too
            try {
                com.google.crypto.tink.Aead newAead = new LocalMasterKey("", done.newKeyFile()).find().orElse(null);
                if (oldAead != null && newAead != null) {
                    System.out.println(uk.hallmonitor.audit.AuditCommands.resealKey(context, oldAead, newAead));
                }
            } catch (GeneralSecurityException e) {
                System.err.println("WARNING: the audit chain's key could not be re-sealed: " + e.getMessage());
            }
            System.out.println((done.finishedAnInterruptedOne() ? "finished an interrupted rewrap: " : "")
                    + "the vault's keyset is now sealed by the new master key in " + done.newKeyFile()
                    + " (owner read/write only). Back it up now, apart from the database backups.");
            if (done.oldKeyBackup() != null) {
                System.out.println("the old master key is kept in " + done.oldKeyBackup() + ": database backups made"
                        + " before now still need it. Move it to where master-key backups are kept (offline), or"
                        + " destroy it with those backups; do not leave it on this machine.");
            }
            if (newKeyFile != null && configured.keyFileIfAny() != null
                    && !newKeyFile.equals(configured.keyFileIfAny())) {
                System.out.println("point hallmonitor.vault.master-key-file (or HALLMONITOR_MASTER_KEY) at the new"
                        + " key before starting the service");
            }
            return 0;
        } catch (MasterKeyRewrap.Refused refused) {
            System.err.println("vault-rewrap refused: " + refused.getMessage());
            return refused.exitCode();
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
