package dev.meshcall.e2e.bench;

import dev.meshcall.e2e.Account;
import dev.meshcall.e2e.Browser;
import dev.meshcall.e2e.Browsers;
import dev.meshcall.e2e.Poll;
import dev.meshcall.e2e.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * P1 (call setup against the in-page floor) and P7 (the bandwidth cap) with two real Chromiums: the floor is two
 * {@code RTCPeerConnection}s in one page of the same browser with direct in-page signaling; a MeshCall call goes
 * page → server → page through the SDK. Both measure from "accept" (the answering side starts on the offer it
 * holds) to both sides ICE-connected, and to the first video frame decoded on both sides.
 */
final class CallSetupBench {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    private final Browser alice;
    private final Browser bob;
    private final Account aliceAccount;
    private final Account bobAccount;
    private final TestServer aliceServer;
    private final TestServer bobServer;

    /** Alice and Bob on one server. */
    CallSetupBench(TestServer server, Browsers browsers) {
        this(server, server, browsers);
    }

    /**
     * Alice's page on {@code aliceServer}, Bob's on {@code bobServer} (two nodes of one XMPP service, so that every
     * signal crosses it; or the same server twice). Both accounts are made on Alice's server.
     */
    CallSetupBench(TestServer aliceServer, TestServer bobServer, Browsers browsers) {
        List<Browser> started = browsers.start("bench-alice", "bench-bob");
        this.alice = started.get(0);
        this.bob = started.get(1);
        this.aliceServer = aliceServer;
        this.bobServer = bobServer;
        this.aliceAccount = aliceServer.signUp("alice");
        this.bobAccount = aliceServer.signUp("bob");
        reconnect(Map.of());
    }

    /** Both pages loaded afresh and connected with {@code videochat} as the SDK's calling settings. */
    void reconnect(Map<String, Object> videochat) {
        connect(alice, aliceAccount, aliceServer, videochat);
        connect(bob, bobAccount, bobServer, videochat);
    }

    private static void connect(Browser browser, Account account, TestServer server, Map<String, Object> videochat) {
        browser.open(server.baseUrl() + "/bench.html");
        browser.js("return window.bench.connect(arguments[0], arguments[1], arguments[2], arguments[3]);",
                server.baseUrl(), account.id(), server.login(account), videochat);
    }

    /** The in-page floor, {@code calls} times in one browser. */
    Samples[] floor(int calls) {
        Samples connected = new Samples();
        Samples frame = new Samples();
        for (int i = 0; i < calls; i++) {
            Map<String, Object> result = alice.jsMap("return window.bench.floorOnce();");
            connected.add(number(result.get("connected")));
            frame.add(number(result.get("frame")));
        }
        return new Samples[] {connected, frame};
    }

    /**
     * MeshCall calls from Alice to Bob, {@code calls} times; each is hung up before the next. Returns accept →
     * both connected, accept → first frame on both, and accept → the answer reaching the caller.
     */
    Samples[] meshCall(int calls) {
        Samples connected = new Samples();
        Samples frame = new Samples();
        Samples answer = new Samples();
        for (int i = 0; i < calls; i++) {
            alice.js("return window.bench.call(arguments[0], {});", bobAccount.id());
            Map<String, Object> a = waitForFrames(alice);
            Map<String, Object> b = waitForFrames(bob);
            double acceptAt = number(b.get("acceptAt"));
            connected.add(Math.max(number(a.get("connectedAt")), number(b.get("connectedAt"))) - acceptAt);
            frame.add(Math.max(number(a.get("frameAt")), number(b.get("frameAt"))) - acceptAt);
            answer.add(number(a.get("answerAt")) - acceptAt);
            hangUp();
        }
        return new Samples[] {connected, frame, answer};
    }

    /**
     * Outbound video bitrate (kbit/s) in a 2 s window 5 s after connecting, with {@code maxBandwidth} in the call's
     * extension (0: no cap). The camera is 640x480 at 30 fps here, so that an uncapped call sends well above the
     * cap.
     */
    double bitrateKbps(int maxBandwidth) {
        alice.js("return window.bench.call(arguments[0], arguments[1], arguments[2]);", bobAccount.id(),
                maxBandwidth > 0 ? Map.of("maxBandwidth", maxBandwidth) : Map.of(),
                Map.of("width", 640, "height", 480, "frameRate", 30));
        waitForFrames(alice);
        waitForFrames(bob);
        alice.js("return new Promise(function (r) { setTimeout(r, 5000); });");
        double kbps = number(alice.js("return window.bench.outboundKbps(arguments[0], 2000);", bobAccount.id()));
        hangUp();
        return kbps;
    }

    private Map<String, Object> waitForFrames(Browser browser) {
        return Poll.until(browser.name() + " sees the call connected with a decoded frame", CALL_TIMEOUT, () -> {
            Map<String, Object> snapshot = browser.jsMap("return window.bench.snapshot();");
            if (snapshot.get("error") != null) {
                throw new IllegalStateException(browser.name() + ": " + snapshot.get("error"));
            }
            boolean done = number(snapshot.get("frameAt")) > 0 && number(snapshot.get("connectedAt")) > 0;
            return done ? Optional.of(snapshot) : Optional.empty();
        });
    }

    private void hangUp() {
        alice.js("window.bench.hangUp();");
        Poll.until("both sessions closed", CALL_TIMEOUT,
                () -> Boolean.TRUE.equals(alice.js("return window.bench.snapshot().closed;"))
                        && Boolean.TRUE.equals(bob.js("return window.bench.snapshot().closed;")));
    }

    private static double number(Object value) {
        return value == null ? 0 : ((Number) value).doubleValue();
    }
}
