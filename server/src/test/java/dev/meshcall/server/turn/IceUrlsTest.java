package dev.meshcall.server.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STUN URLs as RFC 7064 writes them, TURN URLs as RFC 7065 does. */
class IceUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = {"stun:stun.example.org", "stun:stun.example.org:3478", "stun:127.0.0.1:3478",
        "stun:[2001:db8::1]:3478", " stun:stun.l.google.com:19302 "})
    void acceptsStunUrls(String url) {
        assertThat(IceUrls.stun(url)).isEqualTo(url.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"turn:turn.example.org", "turn:turn.example.org:3478?transport=udp",
        "turn:127.0.0.1:3478?transport=tcp", "turns:turn.example.org:5349?transport=tcp", "turns:turn.example.org:443",
        "turn:[::1]:3478"})
    void acceptsTurnUrls(String url) {
        assertThat(IceUrls.turn(url)).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stun.example.org", "http://stun.example.org", "stun://stun.example.org",
        "turn:turn.example.org", "stun:host:0", "stun:host:65536", "stun:host:x", "stun:-host", "stun:host/path",
        "stun:host?transport=udp", "stun:user@host"})
    void refusesWhatIsNotAStunUrl(String url) {
        assertThatThrownBy(() -> IceUrls.stun(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a STUN URL such as stun:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "stun:turn.example.org", "turn://turn.example.org", "https://turn.example.org",
        "turn:turn.example.org:3478?transport=sctp", "turn:turn.example.org?transport=", "turn:", "turn:host:99999",
        "turn:host:3478?x=1", "turn:host name"})
    void refusesWhatIsNotATurnUrl(String url) {
        assertThatThrownBy(() -> IceUrls.turn(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a TURN URL such as turn:");
    }
}
