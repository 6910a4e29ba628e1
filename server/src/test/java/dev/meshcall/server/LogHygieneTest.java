package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.logging.LogFormat;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Logs never hold SDP, ICE candidates, passwords or tokens at info level, in either format: the real entry point
 * ({@link Main}) runs in its own JVM at the production log level (info), goes through sign-up, login, a whole
 * signaled call, a failed login, bad frames and sign-out, and everything it printed is searched for each secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogHygieneTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void logsNoSdpCandidatePasswordOrTokenAtInfo(LogFormat format) throws Exception {
        String output;
        List<String> secrets;
        try (ServerProcess server = ServerProcess.start("--port", "0", "--data-dir", dataDir.toString(),
                "--log-format", format.name().toLowerCase(Locale.ROOT), "--log-level", "info")) {
            secrets = driveACall(server.awaitReady());
            server.close();
            output = server.output();
        }
        assertThat(output).as("info lines are captured").contains("ready at").contains("new account");
        for (String secret : secrets) {
            assertThat(output).as("server output at info level").doesNotContain(secret);
        }
    }

    /** A whole call between two new users and the other chores; returns every secret that went over the wire. */
    private static List<String> driveACall(URI base) {
        TestHttp http = new TestHttp(base);
        String alicePassword = "alice-pw-" + UUID.randomUUID();
        String bobPassword = "bob-pw-" + UUID.randomUUID();
        int alice = http.signUp("alice", alicePassword);
        int bob = http.signUp("bob", bobPassword);
        String aliceToken = http.login("alice", alicePassword);
        String bobToken = http.login("bob", bobPassword);
        String wrongPassword = "wrong-pw-" + UUID.randomUUID();
        assertThat(http.post("/api/login", "{\"login\":\"alice\",\"password\":\"" + wrongPassword + "\"}", null)
                .status()).isEqualTo(401);
        String offerMarker = "offer-sdp-" + UUID.randomUUID();
        String answerMarker = "answer-sdp-" + UUID.randomUUID();
        String candidateMarker = "candidate:842163049 1 udp 1677729535 203.0.113.77 61234 typ srflx " + UUID
                .randomUUID();
        URI ws = URI.create("ws://" + base.getAuthority() + "/ws");
        String session = UUID.randomUUID().toString();
        try (TestSocket a = TestSocket.authenticated(http.client, ws, aliceToken, alice);
                TestSocket b = TestSocket.authenticated(http.client, ws, bobToken, bob)) {
            Signal call = Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(alice)
                    .opponentsIds(List.of(bob)).sdp("v=0\r\n" + offerMarker).platform("web").build();
            a.send(Frame.signalTo(bob, call, "ref-1"));
            assertThat(b.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, call));
            Signal accept = Signal.builder(SignalType.ACCEPT, session).callType(CallType.VIDEO)
                    .sdp("v=0\r\n" + answerMarker).build();
            b.send(Frame.signalTo(alice, accept, null));
            assertThat(a.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob, accept));
            Signal candidates = Signal.builder(SignalType.ICE_CANDIDATES, session).iceCandidates(List.of(
                    new IceCandidate(candidateMarker, "0", 0))).build();
            a.send(Frame.signalTo(bob, candidates, null));
            assertThat(b.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice, candidates));
            // Bad frames that carry secrets: refused, and their text must not be logged either.
            a.sendText("{\"op\":\"signal\",\"to\":" + bob + ",\"signal\":{\"signalType\":\"accept\",\"sdp\":\""
                    + offerMarker + "\"");
            a.nextIgnoringPresence();
            a.send(Frame.auth(aliceToken));
            a.nextIgnoringPresence();
            a.send(Frame.signalTo(bob, Signal.builder(SignalType.HANG_UP, session).build(), null));
            b.nextIgnoringPresence();
        }
        try (TestSocket forged = new TestSocket(http.client, ws)) {
            forged.send(Frame.auth(bobToken + "x"));
            forged.closeCode();
        }
        assertThat(http.post("/api/logout", "", aliceToken).status()).isEqualTo(204);
        return List.of(alicePassword, bobPassword, wrongPassword, aliceToken, bobToken, offerMarker, answerMarker,
                candidateMarker, "203.0.113.77");
    }
}
