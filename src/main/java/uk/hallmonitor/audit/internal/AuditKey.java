package uk.hallmonitor.audit.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.hallmonitor.audit.ChainKeySealer;
import uk.hallmonitor.system.store.OwnerOnly;

/**
 * The chain's HMAC key: a Tink HMAC-SHA256 keyset in a file outside the database, sealed by the master key exactly
 * as the vault seals its keyset (its own associated data, so neither blob can be swapped for the other). Made on the
 * first keyed append; opened once and kept. Someone with the database alone cannot compute a link.
 */
class AuditKey {

    private static final Logger log = LoggerFactory.getLogger(AuditKey.class);
    private static final byte[] CONTEXT = "hallmonitor.audit.key.v1".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            MacConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final ChainKeySealer sealer;
    private volatile Mac mac;
    private volatile String unavailable;

    AuditKey(Path file, ChainKeySealer sealer) {
        this.file = file.toAbsolutePath();
        this.sealer = sealer;
    }

    /** The key, opening or making it on first use; empty (and logged once) when the master key is unavailable. */
    synchronized Optional<Mac> get() {
        if (mac != null) {
            return Optional.of(mac);
        }
        Optional<Aead> master = sealer == null ? Optional.empty() : sealer.masterKey();
        if (master.isEmpty()) {
            note("the master key is not available (the vault is locked), so the audit key cannot be opened");
            return Optional.empty();
        }
        try {
            KeysetHandle handle = Files.exists(file) ? open(master.get()) : create(master.get());
            mac = handle.getPrimitive(RegistryConfiguration.get(), Mac.class);
            unavailable = null;
            return Optional.of(mac);
        } catch (GeneralSecurityException | IOException e) {
            note("the audit key in " + file + " cannot be opened with the master key: " + e.getMessage());
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    /**
     * Re-seals the key file under a new master key (after {@code vault-rewrap}); false when there is no key file.
     * The file is replaced whole, so it is readable under one key or the other, never neither.
     */
    static boolean reseal(Path file, Aead oldMaster, Aead newMaster) throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            return false;
        }
        byte[] sealed = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).trim());
        KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, oldMaster, CONTEXT);
        String resealed = Base64.getEncoder().encodeToString(
                TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, newMaster, CONTEXT));
        Path temp = file.resolveSibling(file.getFileName() + ".rewrap");
        OwnerOnly.file(temp);
        Files.writeString(temp, resealed, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
                java.nio.file.StandardOpenOption.SYNC);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return true;
    }

    /** Why the key is not available, or null. */
    String unavailable() {
        return unavailable;
    }

    private KeysetHandle open(Aead master) throws IOException, GeneralSecurityException {
        byte[] sealed = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.UTF_8).trim());
        return TinkProtoKeysetFormat.parseEncryptedKeyset(sealed, master, CONTEXT);
    }

    private KeysetHandle create(Aead master) throws IOException, GeneralSecurityException {
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_256BITTAG);
        String sealed = Base64.getEncoder().encodeToString(
                TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master, CONTEXT));
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            OwnerOnly.folder(file.getParent());
        }
        Path temp = file.resolveSibling(file.getFileName() + ".new-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        OwnerOnly.file(temp);
        Files.writeString(temp, sealed, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.SYNC);
        try {
            // a hard link appears whole or not at all, and never replaces a key another process made first
            Files.createLink(file, temp);
            log.warn("made a new audit chain key at {} (sealed by the master key, owner-only). Back it up with the"
                    + " master key: without it the keyed part of the chain cannot be verified.", file);
            return handle;
        } catch (FileAlreadyExistsException raced) {
            return open(master);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void note(String reason) {
        if (!reason.equals(unavailable)) {
            log.error("audit chain unkeyed: {}; entries are written with SHA-256 only and /audit/verify will report"
                    + " them until this is fixed", reason);
        }
        unavailable = reason;
    }
}
