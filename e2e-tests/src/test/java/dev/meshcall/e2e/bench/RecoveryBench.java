package dev.meshcall.e2e.bench;

import static dev.meshcall.e2e.CallType.VIDEO;

import dev.meshcall.e2e.Browser;
import dev.meshcall.e2e.Browsers;
import dev.meshcall.e2e.MediaOutage;
import dev.meshcall.e2e.Participant;
import dev.meshcall.e2e.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * P3: how soon media flows again once the network is back. Two Chromiums on the SDK harness in one call that is
 * kept through every outage ({@code disconnectTimeInterval} 90 s, so no cut releases it); each outage drops every
 * UDP packet for a while ({@link MediaOutage}) and measures from the restore to video decoded again on both sides.
 */
final class RecoveryBench {
    private final Participant alice;
    private final Participant bob;

    RecoveryBench(TestServer server, Browsers browsers) {
        List<Browser> started = browsers.start("bench-alice", "bench-bob");
        alice = Participant.onHarness("alice", started.get(0), server);
        bob = Participant.onHarness("bob", started.get(1), server);
        Map<String, Object> config = Map.of("videochat", Map.of("disconnectTimeInterval", 90));
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
}
