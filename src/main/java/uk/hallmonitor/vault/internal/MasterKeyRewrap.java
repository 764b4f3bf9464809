package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import uk.hallmonitor.vault.VaultProperties;

/**
 * Re-seals the vault's data keyset under a new master key (after a suspected leak of the master key, or to retire an
 * old one) and puts the new key in the master key file. The data keys and every stored ciphertext stay as they are.
 *
 * <p>Order, so that a stop at any point loses nothing: the new key is written beside the key file as
 * {@code <file>.new} and the old file copied to a dated backup; then the keyset record is replaced with a precondition
 * on its version; only then is {@code .new} moved over the key file (an atomic rename). Before the database write a
 * failure removes what was written and changes nothing; after it, running the command again with the old key finds
 * {@code .new} opening the keyset and finishes the move.
 */
public final class MasterKeyRewrap {

    private static final Duration WAIT = Duration.ofMinutes(1);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;

    public MasterKeyRewrap(ReactiveMongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What a rewrap did: where the new key is, and where the old key was kept ({@code null} when it came from the environment). */
    public record Rewrapped(Path newKeyFile, Path oldKeyBackup, boolean finishedAnInterruptedOne) {
    }

    /** Why nothing was changed, in words for the operator; {@code exitCode} for the command line. */
    public static final class Refused extends Exception {

        private final int exitCode;

        Refused(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** The configured master key (setting, HALLMONITOR_MASTER_KEY, else the key file), as the service finds it. */
    public static LocalMasterKey configuredKey(VaultProperties properties, Environment environment) {
        return VaultConfiguration.localMasterKey(properties, environment);
    }

    /**
     * Re-seals the keyset that {@code oldKey} opens under a new master key written to {@code newKeyFile} (the old
     * key file itself, by default: it is then replaced, its old content kept as a dated backup beside it).
     */
    public Rewrapped rewrap(LocalMasterKey oldKey, Path newKeyFile) throws Refused {
        Path target = newKeyFile.toAbsolutePath();
        boolean inPlace = !oldKey.fromText() && target.equals(oldKey.keyFile());
        if (!inPlace && Files.exists(target)) {
            throw new Refused(64, "the new key file " + target + " already exists; name a file that does not,"
                    + " or leave --new-key-file out to replace the old key file in place");
        }
        KeysetDocument stored = mongo.findById(KeysetDocument.ID, KeysetDocument.class).block(WAIT);
        if (stored == null) {
            throw new Refused(2, "the database holds no vault keyset, so there is nothing to rewrap");
        }
        if (stored.rotationId() != null) {
            throw new Refused(3, "key rotation " + stored.rotationId() + " holds the keyset; let it finish (or start"
                    + " the service so that it resumes) and run vault-rewrap again");
        }
        Path pending = target.resolveSibling(target.getFileName() + ".new");
        Aead old = oldKey(oldKey);
        KeysetHandle keyset;
        try {
            keyset = Keysets.open(stored.sealedKeyset(), old);
        } catch (GeneralSecurityException mismatch) {
            if (inPlace && opens(pending, stored)) {
                // a previous run stopped after the database write: its new key is the one that opens the keyset now
                return new Rewrapped(target, install(pending, target, true), true);
            }
            throw new Refused(2, "the old master key (" + oldKey.describe() + ") does not match the keyset stored in"
                    + " the database: it was sealed by a different master key. Give the key the service runs with"
                    + " (--old-key-file FILE); nothing was changed");
        }
        try {
            String json = LocalMasterKey.newKeyJson();
            Aead fresh = LocalMasterKey.parse(json, "the new key");
            byte[] sealed = Keysets.seal(keyset, fresh);
            Keysets.open(sealed, fresh); // proves the new key opens what is about to be stored
            Files.deleteIfExists(pending); // a leftover of a run that failed before its database write
            LocalMasterKey.writeOwnerOnly(pending, json);
            Path backup = inPlace ? backUp(target) : null;
            if (!replace(stored, sealed)) {
                Files.deleteIfExists(pending);
                if (backup != null) {
                    Files.deleteIfExists(backup);
                }
                throw new Refused(2, "the keyset changed while it was being rewrapped: stop every instance of the"
                        + " service and run vault-rewrap again; nothing was changed");
            }
            install(pending, target, false);
            return new Rewrapped(target, backup, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new Refused(1, "could not rewrap (nothing was changed in the database): " + e.getMessage());
        }
    }

    private static Aead oldKey(LocalMasterKey key) throws Refused {
        try {
            Optional<Aead> found = key.find();
            if (found.isEmpty()) {
                throw new Refused(2, "no old master key at " + key.describe() + "; give it with --old-key-file FILE");
            }
            return found.get();
        } catch (GeneralSecurityException e) {
            throw new Refused(2, e.getMessage());
        }
    }

    private static boolean opens(Path keyFile, KeysetDocument stored) {
        if (!Files.exists(keyFile)) {
            return false;
        }
        try {
            Keysets.open(stored.sealedKeyset(), LocalMasterKey.parse(
                    Files.readString(keyFile, StandardCharsets.UTF_8).trim(), keyFile.toString()));
            return true;
        } catch (GeneralSecurityException | IOException e) {
            return false;
        }
    }

    /** Copies the old key file to a dated backup beside it, readable by its owner only. */
    private Path backUp(Path keyFile) throws IOException {
        String name = keyFile.getFileName() + ".before-rewrap-" + STAMP.format(clock.instant());
        Path backup = keyFile.resolveSibling(name);
        for (int n = 2; Files.exists(backup); n++) {
            backup = keyFile.resolveSibling(name + "-" + n);
        }
        LocalMasterKey.writeOwnerOnly(backup, Files.readString(keyFile, StandardCharsets.UTF_8));
        return backup;
    }

    private boolean replace(KeysetDocument expected, byte[] sealed) {
        Query unchanged = Query.query(Criteria.where("_id").is(KeysetDocument.ID)
                .and("version").is(expected.version()).and("rotationId").is(null));
        Update update = new Update().set("sealedKeyset", sealed).set("version", expected.version() + 1)
                .set("updatedAt", clock.instant());
        return mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
                KeysetDocument.class).blockOptional(WAIT).isPresent();
    }

    /** Moves the new key over the key file in one rename; returns the backup made when finishing an interrupted run. */
    private Path install(Path pending, Path target, boolean backUpFirst) throws Refused {
        try {
            Path backup = backUpFirst && Files.exists(target) ? backUp(target) : null;
            try {
                Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pending, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return backup;
        } catch (IOException e) {
            throw new Refused(1, "the keyset is now sealed by the new key, but it could not be moved into place: "
                    + e.getMessage() + ". Move " + pending + " to " + target + " by hand before starting the service");
        }
    }
}
