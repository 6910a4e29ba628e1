package dev.meshcall.e2e.bench;

import static dev.meshcall.e2e.CallType.VIDEO;

import dev.meshcall.e2e.Browser;
import dev.meshcall.e2e.Browsers;
import dev.meshcall.e2e.Coturn;
import dev.meshcall.e2e.MediaOutage;
import dev.meshcall.e2e.Participant;
import dev.meshcall.e2e.TestServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * P3: how soon media flows again once the network is back. Two Chromiums on the SDK harness in one call that is
 * kept through every outage ({@code disconnectTimeInterval} 90 s, so no outage releases it); each outage drops every
 * UDP packet, or pauses the TURN server of a relay-only call, for a while ({@link MediaOutage}) and measures from
 * the restore to video decoded again on both sides.
 */
final class RecoveryBench {
    private final Participant alice;
    private final Participant bob;

    /** A call with {@code videochat} as the SDK's calling settings, besides a disconnect interval of 90 s. */
    RecoveryBench(TestServer server, Browsers browsers, Map<String, Object> videochat) {
        List<Browser> started = browsers.start("recovery-alice", "recovery-bob");
        alice = Participant.onHarness("alice", started.get(0), server);
        bob = Participant.onHarness("bob", started.get(1), server);
        Map<String, Object> settings = new HashMap<>(videochat);
        settings.put("disconnectTimeInterval", 90);
        Map<String, Object> config = Map.of("videochat", settings);
        alice.signIn(config);
        bob.signIn(config);
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
        alice.seesVideoFrom(bob);
        bob.seesVideoFrom(alice);
    }

    /** {@code runs} outages of {@code length} each: milliseconds from the network back to media on both sides. */
    Samples afterCut(Duration length, int runs) {
        Samples millis = new Samples();
        for (int i = 0; i < runs; i++) {
            double ms = MediaOutage.udpCut(alice, bob, length);
            System.out.printf("benchmark: P3 %d s cut, run %d: media again %.0f ms after the network%n",
                    length.toSeconds(), i + 1, ms);
            millis.add(ms);
        }
        return millis;
    }

    /** {@code runs} pauses of {@code coturn} of {@code length} each: milliseconds from its SIGCONT to media. */
    Samples afterTurnPause(Coturn coturn, Duration length, int runs) {
        Samples millis = new Samples();
        for (int i = 0; i < runs; i++) {
            double ms = MediaOutage.turnPaused(alice, bob, length, coturn);
            System.out.printf("benchmark: P3 coturn paused %d s, run %d: media again %.0f ms after SIGCONT%n",
                    length.toSeconds(), i + 1, ms);
            millis.add(ms);
        }
        return millis;
    }
}
