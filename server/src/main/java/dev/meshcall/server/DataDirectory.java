package dev.meshcall.server;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds the account database (password hashes) and the dev TLS key: only the server's own user
 * may read it. It is made {@code 0700} and its files {@code 0600} (issue 12, item 12), on file systems that have POSIX
 * permissions; elsewhere it is left as the system makes it. The directory's mode is what protects files made later
 * (the database's own temporary files): nobody else can reach into it.
 */
final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory {@code 0700}, or takes group and others' access away from an existing one. */
    static void prepare(Path dir) throws IOException {
        if (!posix()) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);  // createDirectories applies the umask
            return;
        }
        if (!Files.getPosixFilePermissions(dir).equals(OWNER_DIRECTORY)) {
            LOG.warn("the data directory {} was open to other users; it is now readable by its owner only (0700)",
                    dir);
            Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
        }
    }

    /** Makes every file directly in the directory {@code 0600}. */
    static void protectFiles(Path dir) throws IOException {
        if (!posix()) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
