package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 1:1 call over HTTPS and WSS with the server's dev certificate (docs/security.md, "TLS"): the server has a
 * single listener, and it speaks TLS, so the page, the REST calls and the signaling WebSocket all went over TLS when
 * the call connects. Only these two Chromium instances ignore certificate errors (the certificate is self-signed).
 */
class TlsCallIT {
    private static TestServer server;
    private static Browsers browsers;
    private static Participant alice;
    private static Participant bob;

    @BeforeAll
    static void start() {
        server = TestServer.withDevTls();
        browsers = new Browsers();
        alice = Participant.onHarness("alice", browsers.startWith("alice", "--ignore-certificate-errors"), server);
        bob = Participant.onHarness("bob", browsers.startWith("bob", "--ignore-certificate-errors"), server);
    }

    @AfterAll
    static void stop() {
        try {
            if (browsers != null) {
                browsers.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void aVideoCallConnectsOverHttpsAndWssWithTheDevCertificate() {
        assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
        assertThat(server.tlsFingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        alice.signIn();
        bob.signIn();
        assertThat(alice.browser().js("return location.protocol + (window.isSecureContext ? ' secure' : '');"))
                .isEqualTo("https: secure");

        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();

        Figures.acceptToConnected("tls-video", alice, bob);
        assertThat(alice.connectionStateFor(bob)).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(bob.connectionStateFor(alice)).isEqualTo(PeerConnectionState.CONNECTED);
        alice.seesAndHearsEachOther(bob);

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }
}
