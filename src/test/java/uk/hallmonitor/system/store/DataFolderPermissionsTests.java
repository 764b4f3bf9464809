package uk.hallmonitor.system.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store's folder and file can be read by the service's user only. */
class DataFolderPermissionsTests {

    @TempDir
    Path temp;

    @Test
    void aNewDataFolderIs0700AndTheStoreFile0600() throws Exception {
        Path data = temp.resolve("data");
        try (var store = StoreConfiguration.EmbeddedStore.start(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("hallmonitor.mv"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aStoreLeftReadableByAnOlderVersionIsNarrowedAtStart() throws Exception {
        Path data = temp.resolve("old");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var store = StoreConfiguration.EmbeddedStore.start(data)) {
            // written by the store while open
        }
        Files.setPosixFilePermissions(data.resolve("hallmonitor.mv"), PosixFilePermissions.fromString("rw-r--r--"));
        try (var store = StoreConfiguration.EmbeddedStore.start(data)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("hallmonitor.mv"))))
                    .isEqualTo("rw-------");
        }
    }
}
