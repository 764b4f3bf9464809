package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.hallmonitor.vault.MasterKeySource;

/**
 * The embedded default master key: a Tink AES256-GCM keyset in JSON, given in the environment or kept in a file that
 * only the service's user can read. On a first run without either, a new key is written to the file.
 */
public final class LocalMasterKey implements MasterKeySource {

    private static final Logger log = LoggerFactory.getLogger(LocalMasterKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String keyText;
    private final Path keyFile;

    /**
     * @param keyText the key as text (JSON or base64 of the JSON), or blank to use the file
     * @param keyFile where the key is kept, and written on a first run
     */
    public LocalMasterKey(String keyText, Path keyFile) {
        this.keyText = keyText == null ? "" : keyText.trim();
        this.keyFile = keyFile.toAbsolutePath();
    }

    @Override
    public Optional<Aead> find() throws GeneralSecurityException {
        if (!keyText.isEmpty()) {
            return Optional.of(parse(keyText, "the HALLMONITOR_MASTER_KEY setting"));
        }
        if (!Files.exists(keyFile)) {
            return Optional.empty();
        }
        warnIfOthersCanRead();
        try {
            return Optional.of(parse(Files.readString(keyFile, StandardCharsets.UTF_8).trim(), "the file " + keyFile));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read the master key file " + keyFile + ": " + e.getMessage());
        }
    }

    @Override
    public Aead create() throws GeneralSecurityException {
        if (!keyText.isEmpty()) {
            throw new GeneralSecurityException("a master key is set in the environment; refusing to create another");
        }
        String json = newKeyJson();
        try {
            writeOwnerOnly(keyFile, json);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot write a new master key to " + keyFile + ": " + e.getMessage());
        }
        log.warn("no master key was found, so a new one was generated at {} (readable by this user only). Back it up"
                + " now, apart from the database: without it the vault's secrets cannot be decrypted.", keyFile);
        return parse(json, "the new key file " + keyFile);
    }

    @Override
    public String describe() {
        return keyText.isEmpty() ? "key file " + keyFile : "HALLMONITOR_MASTER_KEY setting";
    }

    /** True when the key is given as text (setting or environment) rather than kept in the file. */
    boolean fromText() {
        return !keyText.isEmpty();
    }

    Path keyFile() {
        return keyFile;
    }

    /** The key file, or {@code null} when the key is given as text. */
    public Path keyFileIfAny() {
        return fromText() ? null : keyFile;
    }

    /** A new master key as Tink JSON, for first runs and the {@code vault-master-key} command. */
    public static String newKeyJson() throws GeneralSecurityException {
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
    }

    /** Creates the file with owner-only permissions from the start, so the key is never readable by others. */
    static void writeOwnerOnly(Path file, String content) throws IOException {
        if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
            uk.hallmonitor.system.store.OwnerOnly.folder(file.getParent());
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(file);
            var io = file.toFile();
            io.setReadable(false, false);
            io.setWritable(false, false);
            io.setReadable(true, true);
            io.setWritable(true, true);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private void warnIfOthersCanRead() {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
                if (!OWNER_ONLY.containsAll(permissions)) {
                    log.warn("the master key file {} can be read by others ({}); run chmod 600 on it", keyFile,
                            PosixFilePermissions.toString(permissions));
                }
            }
        } catch (IOException e) {
            log.warn("cannot check the permissions of {}: {}", keyFile, e.getMessage());
        }
    }

    static Aead parse(String text, String where) throws GeneralSecurityException {
        String json = text;
        if (!text.startsWith("{")) {
            try {
                json = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new GeneralSecurityException("the master key in " + where
                        + " is neither a Tink JSON keyset nor one in base64");
            }
        }
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Tink's message could quote the key material: say only where the bad key came from
            throw new GeneralSecurityException("the master key in " + where + " is not a valid Tink AEAD keyset");
        }
    }
}
