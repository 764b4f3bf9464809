package uk.hallmonitor.vault.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMasterKeyTests {

    @TempDir
    Path dir;

    @Test
    void aFirstRunWritesANewKeyThatOnlyItsOwnerCanReadOrWrite() throws Exception {
        Path file = dir.resolve("data/master.key");
        LocalMasterKey source = new LocalMasterKey("", file);
        assertThat(source.find()).isEmpty();

        Aead created = source.create();

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        byte[] sealed = created.encrypt(bytes("hello"), bytes("ad"));
        Aead reread = new LocalMasterKey("", file).find().orElseThrow();
        assertThat(reread.decrypt(sealed, bytes("ad"))).isEqualTo(bytes("hello"));
    }

    @Test
    void anExistingKeyFileIsNeverOverwritten() throws Exception {
        Path file = dir.resolve("master.key");
        new LocalMasterKey("", file).create();
        String before = Files.readString(file);

        assertThatThrownBy(() -> new LocalMasterKey("", file).create()).isInstanceOf(GeneralSecurityException.class);
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aKeyGivenInTheEnvironmentIsReadAsJsonOrAsBase64() throws Exception {
        String json = LocalMasterKey.newKeyJson();
        String base64 = Base64.getEncoder().encodeToString(bytes(json));
        Aead fromJson = new LocalMasterKey(json, dir.resolve("unused.key")).find().orElseThrow();
        Aead fromBase64 = new LocalMasterKey(base64, dir.resolve("unused.key")).find().orElseThrow();

        byte[] sealed = fromJson.encrypt(bytes("same key"), new byte[0]);

        assertThat(fromBase64.decrypt(sealed, new byte[0])).isEqualTo(bytes("same key"));
        assertThat(dir.resolve("unused.key")).doesNotExist();
    }

    @Test
    void aMalformedKeyIsReportedWithoutQuotingIt() {
        String notAKey = "{\"primaryKeyId\": 1, \"key\": [\"s3cr3t-looking-material\"]}";

        assertThatThrownBy(() -> new LocalMasterKey(notAKey, dir.resolve("x.key")).find())
                .isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("not a valid Tink AEAD keyset")
                .hasMessageNotContaining("s3cr3t");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
