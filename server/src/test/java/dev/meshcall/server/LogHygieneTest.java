package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logs never hold SDP, ICE candidates, passwords or tokens at info level: the real entry point ({@link Main}) runs
 * in its own JVM at the production log level (info), goes through sign-up, login, a whole signaled call, a failed
 * login, bad frames and sign-out, and everything it printed is searched for each secret.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogHygieneTest {
    private static final Pattern READY = Pattern.compile("ready at (http://127\\.0\\.0\\.1:\\d+/)");

    @TempDir
    Path dataDir;

    @Test
    void logsNoSdpCandidatePasswordOrTokenAtInfo() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", "-Dmeshcall.pbkdf2.iterations=1000",
                Main.class.getName(), "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        StringBuffer log = new StringBuffer();
        CompletableFuture<String> base = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.append(line).append('\n');
                    Matcher ready = READY.matcher(line);
                    if (ready.find()) {
                        base.complete(ready.group(1));
                    }
                }
            } catch (java.io.IOException e) {
                base.completeExceptionally(e);
            }
            base.completeExceptionally(new AssertionError("the server exited before it was ready:\n" + log));
        }, "server-log-reader");
        reader.start();
        List<String> secrets;
        try {
            URI uri = URI.create(base.get(30, TimeUnit.SECONDS));
            secrets = driveACall(uri);
        } finally {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            reader.join(5_000);
        }
        String output = log.toString();
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
