package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.e2e.turn.StunMessage;
import dev.meshcall.e2e.turn.TurnClient;
import dev.meshcall.server.turn.TurnCredential;
import dev.meshcall.server.turn.TurnCredentialIssuer;
import org.assertj.core.api.InstanceOfAssertFactories;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TURN credentials a MeshCall node mints are the ones a real coturn accepts: a node configured with a
 * {@link Coturn}'s URLs and secret hands a signed-in user a credential over {@code GET /api/ice-servers}, and a TURN
 * client ({@link TurnClient}, RFC 5766 Allocate over UDP) gets a relay on 127.0.0.1 with it; a wrong password and
 * an expired username get 401. No browser: it runs with the unit tests (Surefire), all on loopback (coturn listens
 * and relays only on 127.0.0.1). Needs Debian's {@code coturn}.
 */
class CoturnCredentialsTest {
    private static final Duration WAIT = Duration.ofSeconds(3);

    private static Coturn coturn;
    private static TestServer server;

    @BeforeAll
    static void start() {
        coturn = Coturn.start();
        server = new TestServer(config -> config.withTurn(coturn.settings(Duration.ofHours(1))));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    @Test
    void aCredentialFromTheApiAllocatesARelayOnLoopback() {
        Account alice = server.signUp("alice");
        Map<String, Object> turn = turnServerOf(server.iceServers(server.login(alice)));
        String username = (String) turn.get("username");
        assertThat(username).endsWith(":" + ((Number) alice.id()).intValue());
        assertThat(turn.get("urls")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(coturn.turnUrl());

        StunMessage answer = allocate(username, (String) turn.get("credential"))
                .orElseThrow(() -> new AssertionError("coturn did not answer: " + coturn.logs()));

        assertThat(answer.type()).as("%s; %s", answer, coturn.logs()).isEqualTo(StunMessage.ALLOCATE_SUCCESS);
        InetSocketAddress relayed = answer.relayedAddress();
        assertThat(relayed.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(relayed.getPort()).isPositive();
    }

    @Test
    void theFirstAllocateIsChallengedWithTheRealmAndANonce() {
        try (TurnClient client = new TurnClient(address(), WAIT)) {
            StunMessage challenge = client.allocateWithoutCredentials().orElseThrow();

            assertThat(challenge.type()).isEqualTo(StunMessage.ALLOCATE_ERROR);
            assertThat(challenge.errorCode()).isEqualTo(401);
            assertThat(challenge.text(StunMessage.REALM)).isEqualTo(Coturn.REALM);
            assertThat(challenge.text(StunMessage.NONCE)).isNotEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Account bob = server.signUp("bob");
        Map<String, Object> turn = turnServerOf(server.iceServers(server.login(bob)));
        String credential = (String) turn.get("credential");
        String wrong = (credential.charAt(0) == 'A' ? "B" : "A") + credential.substring(1);

        StunMessage answer = allocate((String) turn.get("username"), wrong).orElseThrow();

        assertThat(answer.type()).isEqualTo(StunMessage.ALLOCATE_ERROR);
        assertThat(answer.errorCode()).isEqualTo(401);
    }

    @Test
    void anExpiredCredentialIsRefused_whileTheSameMintedNowIsAccepted() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        TurnCredential expired = new TurnCredentialIssuer(coturn.secret(), Duration.ofHours(1),
                Clock.fixed(twoHoursAgo, ZoneOffset.UTC)).issue(77);
        TurnCredential fresh = new TurnCredentialIssuer(coturn.secret(), Duration.ofHours(1), Clock.systemUTC())
                .issue(77);

        StunMessage refused = allocate(expired.username(), expired.credential()).orElseThrow();
        StunMessage accepted = allocate(fresh.username(), fresh.credential()).orElseThrow();

        assertThat(expired.expires()).isBefore(Instant.now());
        assertThat(refused.type()).isEqualTo(StunMessage.ALLOCATE_ERROR);
        assertThat(refused.errorCode()).isEqualTo(401);
        assertThat(accepted.type()).as("%s", accepted).isEqualTo(StunMessage.ALLOCATE_SUCCESS);
    }

    @Test
    void aPausedCoturnAnswersNothing_andAnswersAgainOnceResumed() {
        TurnCredential credential = new TurnCredentialIssuer(coturn.secret(), Duration.ofHours(1),
                Clock.systemUTC()).issue(78);
        coturn.pause();
        try {
            try (TurnClient client = new TurnClient(address(), Duration.ofMillis(500))) {
                assertThat(client.allocateWithoutCredentials()).as("an answer from a paused coturn").isEmpty();
            }
        } finally {
            coturn.resume();
        }
        assertThat(coturn.isRunning()).isTrue();
        assertThat(allocate(credential.username(), credential.credential()).orElseThrow().type())
                .isEqualTo(StunMessage.ALLOCATE_SUCCESS);
    }

    private static Optional<StunMessage> allocate(String username, String password) {
        try (TurnClient client = new TurnClient(address(), WAIT)) {
            return client.allocate(username, password);
        }
    }

    private static InetSocketAddress address() {
        return new InetSocketAddress(coturn.host(), coturn.port());
    }

    /** The entry of {@code iceServers} that carries a credential. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> turnServerOf(Map<String, Object> answer) {
        for (Object server : (List<Object>) answer.get("iceServers")) {
            Map<String, Object> entry = (Map<String, Object>) server;
            if (entry.containsKey("credential")) {
                return entry;
            }
        }
        throw new AssertionError("no TURN server in " + answer);
    }
}
