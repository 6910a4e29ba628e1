package dev.meshcall.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev certificate: made by keytool once, with the right names, and reused. */
class ServerTlsTest {

    @Test
    void makesADevCertificateNamingLocalhostAndTheBindAddress_andReusesIt(@TempDir Path dataDir) throws Exception {
        ServerTls first = ServerTls.dev(dataDir, "127.0.0.1");

        assertThat(dataDir.resolve(ServerTls.DEV_KEYSTORE)).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(
                ServerTls.DEV_KEYSTORE)))).as("the key is the owner's only").isEqualTo("rw-------");
        assertThat(first.names()).contains("dns:localhost", "ip:127.0.0.1");
        assertThat(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(ServerTls.dev(dataDir, "127.0.0.1").fingerprint()).as("second start").isEqualTo(
                first.fingerprint());
    }

    @Test
    void makesItAgainWhenTheBindAddressIsNotAmongItsNames(@TempDir Path dataDir) throws Exception {
        ServerTls first = ServerTls.dev(dataDir, "127.0.0.1");
        ServerTls other = ServerTls.dev(dataDir, "127.0.0.2");

        assertThat(other.names()).contains("ip:127.0.0.2", "ip:127.0.0.1", "dns:localhost");
        assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
    }

    @Test
    void namesEveryAddressOfTheMachineForAWildcardBind() {
        List<String> names = ServerTls.subjectAlternativeNames("0.0.0.0");

        assertThat(names).startsWith("dns:localhost", "ip:127.0.0.1").doesNotContain("ip:0.0.0.0");
        assertThat(ServerTls.subjectAlternativeNames("meet.example.org")).contains("dns:meet.example.org");
    }

    @Test
    void loadsAPkcs12KeystoreAndNamesItWhenThePasswordIsWrong(@TempDir Path dataDir) throws Exception {
        ServerTls dev = ServerTls.dev(dataDir, "127.0.0.1");
        Path file = dataDir.resolve(ServerTls.DEV_KEYSTORE);

        assertThat(ServerTls.load(file, ServerTls.DEV_PASSWORD.toCharArray()).fingerprint())
                .isEqualTo(dev.fingerprint());
        assertThatThrownBy(() -> ServerTls.load(file, "wrong".toCharArray())).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toString());
    }
}
