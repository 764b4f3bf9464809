package uk.hallmonitor.system.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data folder and the files in it are for the service's user only: the folder 0700, files 0600. They hold the
 * store, the master key, the audit key and anchor; nobody else on the machine needs to read them.
 */
public final class OwnerOnly {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnly() {
    }

    /** Creates the folder (and missing parents) as 0700; an existing folder is narrowed to 0700. */
    public static void folder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (dir.toAbsolutePath().getParent() != null) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
            }
            if (POSIX) {
                Files.createDirectory(dir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        }
        if (POSIX) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /** Creates the file empty as 0600 if it does not exist; an existing file is narrowed to 0600. */
    public static void file(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                if (POSIX) {
                    Files.createFile(file,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // made at the same moment by another opener: narrowed below
            }
        }
        if (POSIX) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }
}
