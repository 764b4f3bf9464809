package uk.hallmonitor.moderation.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Seals the content of suspected illegal posts (R7) with AES-256-GCM (Tink AEAD), bound to the post id so a sealed
 * text cannot be moved to another post. The keyset is one small file in the data directory, created on first use and
 * readable by the service's user only. Nothing in the service unseals on a user's request: the sealed text is kept
 * for the police or the IWF, who would be given it under a separate, audited procedure.
 */
record ContentSeal(Aead aead) {

    /** Loads the keyset from the file, creating it when absent. */
    static ContentSeal fromFile(Path file) {
        try {
            AeadConfig.register();
            KeysetHandle keyset;
            if (Files.exists(file)) {
                keyset = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            } else {
                keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path fresh = Files.createTempFile(file.toAbsolutePath().getParent(), "seal", ".tmp");
                try {
                    Files.setPosixFilePermissions(fresh, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own ACL protects the file
                }
                Files.writeString(fresh, TinkJsonProtoKeysetFormat.serializeKeyset(keyset,
                        InsecureSecretKeyAccess.get()));
                // two instances starting at once: the first move wins and both then read the same keyset
                try {
                    Files.move(fresh, file);
                } catch (java.nio.file.FileAlreadyExistsException other) {
                    Files.deleteIfExists(fresh);
                }
                keyset = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get());
            }
            return new ContentSeal(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the seal key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the seal key " + file + " is unusable", e);
        }
    }

    String seal(String postId, String content) {
        try {
            byte[] sealed = aead.encrypt(content.getBytes(StandardCharsets.UTF_8),
                    postId.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealing failed", e);
        }
    }

    /** For the audited hand-over procedure and for tests; no endpoint calls it. */
    String unseal(String postId, String sealed) {
        try {
            return new String(aead.decrypt(Base64.getDecoder().decode(sealed),
                    postId.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the sealed content of " + postId + " cannot be opened", e);
        }
    }
}
