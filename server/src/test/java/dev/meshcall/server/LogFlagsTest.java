package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.logging.LogFormat;
import dev.meshcall.server.logging.LogSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class LogFlagsTest {

    @Test
    void defaultIsTextAtInfo() throws Exception {
        assertThat(ServerFlags.parse(new String[0], Map.of()).logging()).isEqualTo(LogSettings.DEFAULT)
                .isEqualTo(new LogSettings(LogFormat.TEXT, Level.INFO));
    }

    @Test
    void flagsAndEnvironment_flagsWin_anyCase() throws Exception {
        LogSettings settings = ServerFlags.parse(new String[] {"--log-format=JSON"},
                Map.of("MESHCALL_LOG_FORMAT", "text", "MESHCALL_LOG_LEVEL", "Debug")).logging();

        assertThat(settings).isEqualTo(new LogSettings(LogFormat.JSON, Level.DEBUG));
        assertThat(ServerFlags.parse(new String[] {"--log-level", "warn"}, Map.of("MESHCALL_LOG_LEVEL", "trace"))
                .logging().level()).isEqualTo(Level.WARN);
    }

    @Test
    void badValuesNameTheFlagAndTheChoices() {
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--log-format", "xml"}, Map.of()))
                .hasMessage("--log-format: log format must be text or json, not 'xml'");
        assertThatThrownBy(() -> ServerFlags.parse(new String[0], Map.of("MESHCALL_LOG_LEVEL", "verbose")))
                .hasMessage("--log-level: log level must be trace, debug, info, warn or error, not 'verbose'");
    }

    @Test
    void helpListsBoth() {
        assertThat(ServerFlags.usage()).contains("--log-format FORMAT", "MESHCALL_LOG_FORMAT", "--log-level LEVEL",
                "MESHCALL_LOG_LEVEL");
    }
}
