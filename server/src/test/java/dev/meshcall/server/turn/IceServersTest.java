package dev.meshcall.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.protocol.IceServer;
import dev.meshcall.server.auth.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one user is handed: STUN as configured, TURN with a credential minted for that user. */
class IceServersTest {
    private static final String SECRET = "north-wind-turn-secret-2025";
    private final MutableClock clock = new MutableClock();

    @Test
    void withNothingConfiguredThereIsNothingToHandOut() {
        IceServerList list = new IceServers(TurnSettings.none(), clock).forUser(56);

        assertThat(list.servers()).isEmpty();
        assertThat(list.ttl()).isNull();
        assertThat(list.toJson()).isEqualTo(Map.of("iceServers", List.of()));
    }

    @Test
    void stunServersComeWithoutCredentialsOrTtl() {
        IceServerList list = new IceServers(TurnSettings.stun(List.of("stun:a.example.org", "stun:b.example.org")),
                clock).forUser(56);

        assertThat(list.servers()).containsExactly(IceServer.of(List.of("stun:a.example.org", "stun:b.example.org")));
        assertThat(list.ttl()).isNull();
    }

    @Test
    void turnServersShareOneCredentialMintedForTheUser_afterTheStunServers() {
        TurnSettings settings = TurnSettings.of(List.of("stun:127.0.0.1:3478"),
                List.of("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"), SECRET,
                Duration.ofHours(1));

        IceServerList list = new IceServers(settings, clock).forUser(56);

        assertThat(list.servers()).containsExactly(IceServer.of(List.of("stun:127.0.0.1:3478")),
                new IceServer(List.of("turn:127.0.0.1:3478?transport=udp", "turn:127.0.0.1:3478?transport=tcp"),
                        "1735693200:56", "2VqsMqD2PUIBQ9TImHLxI04B0Z8="));
        assertThat(list.ttl()).isEqualTo(3600);
        assertThat(list.toJson()).containsEntry("ttl", 3600).containsKey("iceServers");
        assertThat(list.toString()).doesNotContain("2VqsMqD2PUIBQ9TImHLxI04B0Z8=");
    }

    @Test
    void settingsRefuseTurnWithoutASecret_aSecretWithoutTurn_andAShortSecret() {
        List<String> turn = List.of("turn:127.0.0.1:3478");
        assertThatThrownBy(() -> TurnSettings.of(List.of(), turn, null, Duration.ofHours(1)))
                .hasMessageContaining("shared secret");
        assertThatThrownBy(() -> TurnSettings.of(List.of(), List.of(), SECRET, Duration.ofHours(1)))
                .hasMessageContaining("no TURN URL");
        assertThatThrownBy(() -> TurnSettings.of(List.of(), turn, "short-secret", Duration.ofHours(1)))
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> TurnSettings.of(List.of(), turn, SECRET, Duration.ofMillis(1500)))
                .hasMessageContaining("whole seconds");
        assertThat(TurnSettings.of(List.of(), turn, SECRET, Duration.ofHours(1)).toString()).doesNotContain(SECRET);
    }
}
