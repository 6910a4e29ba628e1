package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.turn.TurnSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --stun-url}, {@code --turn-url}, {@code --turn-secret}, {@code --turn-ttl} and their variables. */
class TurnFlagsTest {
    private static final String SECRET = "turn-flags-test-shared-secret";
    private static final Map<String, String> ENV_SECRET = Map.of("MESHCALL_TURN_SECRET", SECRET);

    private static TurnSettings turn(Map<String, String> env, String... args) throws Exception {
        return ServerFlags.parse(args, env).config().turn();
    }

    @Test
    void withoutFlagsBrowsersGetNoServers() throws Exception {
        TurnSettings turn = turn(Map.of());

        assertThat(turn.isEmpty()).isTrue();
        assertThat(turn.secret()).isNull();
        assertThat(turn.ttl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void urlsAddUpOverRepeatedFlagsAndCommaLists_theSecretComesFromTheEnvironment() throws Exception {
        TurnSettings turn = turn(ENV_SECRET, "--turn-url", "turn:t.example.org:3478?transport=udp",
                "--turn-url=turns:t.example.org:5349?transport=tcp,turn:t.example.org:3478?transport=tcp",
                "--stun-url", "stun:s1.example.org", "--stun-url", "stun:s2.example.org:3478", "--turn-ttl", "600");

        assertThat(turn.turnUrls()).containsExactly("turn:t.example.org:3478?transport=udp",
                "turns:t.example.org:5349?transport=tcp", "turn:t.example.org:3478?transport=tcp");
        assertThat(turn.stunUrls()).containsExactly("stun:s1.example.org", "stun:s2.example.org:3478");
        assertThat(turn.secret()).isEqualTo(SECRET);
        assertThat(turn.ttl()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void variablesWork_andAFlagReplacesItsVariableRatherThanAddingToIt() throws Exception {
        Map<String, String> env = Map.of("MESHCALL_TURN_URL", "turn:env.example.org,turn:env2.example.org",
                "MESHCALL_STUN_URL", "stun:env.example.org", "MESHCALL_TURN_SECRET", SECRET,
                "MESHCALL_TURN_TTL", "120");
        TurnSettings fromEnv = turn(env);
        TurnSettings flagWins = turn(env, "--turn-url", "turn:flag.example.org", "--turn-secret", SECRET + "-flag");

        assertThat(fromEnv.turnUrls()).containsExactly("turn:env.example.org", "turn:env2.example.org");
        assertThat(fromEnv.stunUrls()).containsExactly("stun:env.example.org");
        assertThat(fromEnv.ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(flagWins.turnUrls()).containsExactly("turn:flag.example.org");
        assertThat(flagWins.secret()).isEqualTo(SECRET + "-flag");
    }

    @Test
    void stunAloneNeedsNoSecret() throws Exception {
        assertThat(turn(Map.of(), "--stun-url", "stun:127.0.0.1:3478").stunUrls())
                .containsExactly("stun:127.0.0.1:3478");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http URL as TURN    | --turn-url=http://t.example.org           | --turn-url: 'http://t.example.org'
            STUN URL as TURN    | --turn-url=stun:t.example.org             | --turn-url: 'stun:t.example.org'
            TURN URL as STUN    | --stun-url=turn:s.example.org             | --stun-url: 'turn:s.example.org'
            bad transport       | --turn-url=turn:t.example.org?transport=x | --turn-url: 'turn:t.example.org?tr
            secret without TURN | --turn-secret=turn-flags-test-secret-1   | --turn-secret needs --turn-url
            ttl without TURN    | --turn-ttl=60                             | --turn-ttl needs --turn-url
            """)
    void badValuesNameTheFlag(String name, String arg, String message) {
        assertThatThrownBy(() -> turn(Map.of(), arg)).isInstanceOf(ServerFlags.UsageException.class)
                .hasMessageContaining(message);
    }

    @Test
    void turnWithoutSecretOrWithAShortOneOrABadTtlIsRefused_withoutPrintingTheSecret() {
        assertThatThrownBy(() -> turn(Map.of(), "--turn-url", "turn:t.example.org"))
                .hasMessageContaining("--turn-url needs the TURN server's static-auth-secret: set"
                        + " MESHCALL_TURN_SECRET");
        assertThatThrownBy(() -> turn(Map.of("MESHCALL_TURN_SECRET", "tiny-secret"), "--turn-url",
                "turn:t.example.org")).hasMessageContaining("--turn-secret must be at least 16 characters")
                .hasMessageNotContaining("tiny-secret");
        assertThatThrownBy(() -> turn(ENV_SECRET, "--turn-url", "turn:t.example.org", "--turn-ttl", "0"))
                .hasMessageContaining("--turn-ttl must be a whole number above 0");
        assertThatThrownBy(() -> turn(ENV_SECRET, "--turn-url", "turn:t.example.org", "--turn-ttl", "1h"))
                .hasMessageContaining("--turn-ttl must be a whole number above 0");
    }

    @Test
    void theSecretIsInNoDescriptionOfTheConfiguration_andTheHelpNamesTheFlags() throws Exception {
        ServerConfig config = ServerFlags.parse(new String[] {"--turn-url", "turn:t.example.org"}, ENV_SECRET)
                .config();

        assertThat(config.toString()).contains("turn:t.example.org").doesNotContain(SECRET);
        assertThat(ServerFlags.usage()).contains("--turn-url URL", "--stun-url URL", "--turn-secret SECRET",
                "--turn-ttl SECONDS", "MESHCALL_TURN_SECRET");
    }
}
