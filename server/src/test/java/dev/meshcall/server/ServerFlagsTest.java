package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerFlagsTest {

    private static ServerConfig parse(Map<String, String> env, String... args) throws Exception {
        return ServerFlags.parse(args, env).config();
    }

    @Test
    void defaultsWithoutFlags() throws Exception {
        ServerConfig config = parse(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.dataDir()).isEqualTo(Path.of("meshcall-data"));
        assertThat(config.webRoot()).isNull();
    }

    @Test
    void readsEveryFlagInBothForms(@TempDir Path web) throws Exception {
        ServerConfig config = parse(Map.of(), "--port", "0", "--bind=localhost", "--data-dir", "/tmp/d",
                "--web-root=" + web);

        assertThat(config.port()).isZero();
        assertThat(config.bindAddress()).isEqualTo("localhost");
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(config.webRoot()).isEqualTo(web);
    }

    @Test
    void environmentIsTheDefaultAndFlagsWin(@TempDir Path web) throws Exception {
        Map<String, String> env = Map.of("MESHCALL_PORT", "9000", "MESHCALL_BIND", "127.0.0.2",
                "MESHCALL_DATA_DIR", "/srv/meshcall", "MESHCALL_WEB_ROOT", web.toString());

        assertThat(parse(env).port()).isEqualTo(9000);
        assertThat(parse(env).dataDir()).isEqualTo(Path.of("/srv/meshcall"));
        assertThat(parse(env).webRoot()).isEqualTo(web);
        assertThat(parse(env, "--port", "9001").port()).isEqualTo(9001);
        assertThat(parse(env, "--bind", "127.0.0.1").bindAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void helpNeedsNoOtherFlag() throws Exception {
        ServerFlags flags = ServerFlags.parse(new String[] {"--port", "x", "--help"}, Map.of());

        assertThat(flags.helpRequested()).isTrue();
        assertThat(flags.config()).isNull();
        assertThat(ServerFlags.usage()).contains("--port", "--bind", "--data-dir", "--web-root", "--help",
                "MESHCALL_PORT", "MESHCALL_WEB_ROOT");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "--port x               | --port must be a number from 0 to 65535, not 'x'",
        "--port 70000           | --port must be a number from 0 to 65535, not '70000'",
        "--port                 | --port needs a value",
        "--verbose              | unknown option '--verbose'",
        "--web-root /no/such/d  | --web-root /no/such/d is not a directory",
        "--bind no.such.host.invalid | --bind 'no.such.host.invalid' is not an address",
    })
    void badValuesNameTheFlagAndValue(String line, String message) {
        assertThatThrownBy(() -> ServerFlags.parse(line.split(" "), Map.of()))
                .isInstanceOf(ServerFlags.UsageException.class).hasMessageContaining(message);
    }
}
