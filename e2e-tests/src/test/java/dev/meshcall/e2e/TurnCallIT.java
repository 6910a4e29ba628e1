package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls through a TURN relay: a real coturn on loopback ({@link Coturn}, {@code use-auth-secret}), the server minting
 * credentials for it and handing them out with {@code ready} (docs/js-api.md, "Network changes"; README, "TURN").
 * With {@code alwaysRelayCalls} every packet of a call goes through coturn, which the selected candidate pairs show
 * ({@code relay} on both ends); pausing coturn (SIGSTOP) is an outage the call recovers from by itself.
 */
class TurnCallIT {
    /** Started by the environment, before the server that hands it out; stopped after the class. */
    private static Coturn coturn;

    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment(() -> {
        coturn = Coturn.start();
        return new TestServer(config -> config.withTurn(coturn.settings(Duration.ofHours(1))));
    });

    private static final Map<String, Object> RELAY_ONLY = Map.of("videochat", Map.of("alwaysRelayCalls", true,
            "disconnectTimeInterval", 60));

    static Participant alice;
    static Participant bob;
    static Participant carol;

    @BeforeAll
    static void people() {
        List<Participant> people = env.onHarness("alice", "bob", "carol");
        alice = people.get(0);
        bob = people.get(1);
        carol = people.get(2);
    }

    @AfterAll
    static void stopCoturn() {
        if (coturn != null) {
            coturn.close();
        }
    }

    private static void relayOnlyCall() {
        alice.signIn(RELAY_ONLY);
        bob.signIn(RELAY_ONLY);
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
    }

    @Test
    void aRelayOnlyCallConnectsThroughTurnWithMediaBothWays() {
        relayOnlyCall();
        alice.seesAndHearsEachOther(bob);
        for (Participant[] pair : new Participant[][] {{alice, bob}, {bob, alice}}) {
            RtcStats.CandidatePair selected = pair[0].selectedCandidatePair(pair[1]);
            assertThat(selected.local().candidateType()).as("%s's local candidate: %s", pair[0], selected)
                    .isEqualTo("relay");
            assertThat(selected.local().address()).as("%s's relayed address", pair[0]).isEqualTo("127.0.0.1");
        }
        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void aRelayOnlyMeshOfThreeHasEveryLinkThroughTurnAndEveryoneDecodesEveryone() {
        List<Participant> all = List.of(alice, bob, carol);
        for (Participant p : all) {
            p.signIn(RELAY_ONLY);
        }
        alice.call(List.of(bob, carol), VIDEO, Map.of());
        for (Participant callee : List.of(bob, carol)) {
            callee.waitForIncomingCall(alice);
            callee.accept();
        }
        for (Participant x : all) {
            for (Participant y : all) {
                if (x != y) {
                    x.waitForConnectedTo(y);
                    x.seesVideoFrom(y);
                    assertThat(x.selectedCandidatePair(y).local().candidateType()).as("%s → %s", x, y)
                            .isEqualTo("relay");
                }
            }
        }
        alice.hangUp();
        bob.hangUp();
        carol.waitForEvent("onSessionCloseListener");
    }

    @Test
    void coturnPausedForFifteenSecondsThenTheCallComesBackByItself() {
        relayOnlyCall();
        alice.seesVideoFrom(bob);
        bob.seesVideoFrom(alice);

        Figures.print("network-back-to-media", "coturn-paused", "both",
                MediaOutage.turnPaused(alice, bob, Duration.ofSeconds(15), coturn));
        assertThat(alice.events("onSessionCloseListener")).isEmpty();
        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void wrongTurnCredentialsFailTheCallWithACauseNamingTurnInsteadOfHanging() {
        Map<String, Object> wrong = Map.of("videochat", Map.of("alwaysRelayCalls", true, "disconnectTimeInterval", 8,
                "iceServers", List.of(Map.of("urls", List.of(coturn.turnUrl()), "username", "4102444800:1",
                        "credential", "not-the-password"))));
        alice.signIn(wrong);
        bob.signIn(wrong);
        alice.browser().drainConsole();
        bob.browser().drainConsole();
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();

        // Whichever side's deadline passes first releases the link (FAILED, then CLOSED) and hangs up on the other.
        alice.waitForEvent("onSessionCloseListener");
        bob.waitForEvent("onSessionCloseListener");
        String aliceConsole = alice.browser().drainConsole();
        String bobConsole = bob.browser().drainConsole();
        assertThat(aliceConsole).contains("TURN credentials wrong or expired");
        assertThat(bobConsole).contains("TURN credentials wrong or expired");
        assertThat(aliceConsole + bobConsole).contains("did not connect within 8000 ms");
        assertThat(List.of(alice, bob)).as("a side that released the link saw it FAILED")
                .anySatisfy(side -> assertThat(side.events("onSessionConnectionStateChangedListener"))
                        .anySatisfy(e -> assertThat(e.state()).isEqualTo(ConnectionState.FAILED.value())));
    }
}
