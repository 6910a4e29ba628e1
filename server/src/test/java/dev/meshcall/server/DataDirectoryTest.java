package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory is the server's own (issue 12, item 12): 0700, and its files 0600. */
class DataDirectoryTest {
    @TempDir
    Path parent;

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void aNewDataDirectoryAndTheDatabaseInItAreTheServersOwnOnly() throws Exception {
        Path dataDir = parent.resolve("meshcall-data");
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            new TestHttp(server.baseUri()).signUp("alice", "alice-password");
        }

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(mode(file)).as("%s", file.getFileName()).isEqualTo("rw-------");
            }
        }
        assertThat(dataDir.resolve("meshcall.mv.db")).exists();
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsClosedToThem() throws Exception {
        Path dataDir = Files.createDirectory(parent.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stray = Files.writeString(dataDir.resolve("notes.txt"), "left by an operator");
        Files.setPosixFilePermissions(stray, PosixFilePermissions.fromString("rw-r--r--"));

        new MeshCallServer(ServerConfig.forTest(dataDir)).start().close();

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(stray)).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("meshcall.mv.db"))).isEqualTo("rw-------");
    }
}
