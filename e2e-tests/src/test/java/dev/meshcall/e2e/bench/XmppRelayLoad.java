package dev.meshcall.e2e.bench;

import dev.meshcall.server.relay.xmpp.Prosody;
import dev.meshcall.server.relay.xmpp.XmppRelayBenchmark;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * P5 over XMPP: {@link RelayLoad}'s simulated users against two server processes in XMPP mode sharing one real
 * Prosody, callers' WebSockets on node 1 and callees' on node 2, so every signal goes WebSocket → node → Prosody →
 * the other node → WebSocket. Users sign up by in-band registration through the nodes' REST API (docs/xmpp.md).
 * Beside it, raw Smack ↔ the same Prosody ({@link XmppRelayBenchmark#measureRaw}), measured while the nodes idle
 * between the loads. The nodes start cold, so a warm-up load runs first.
 */
final class XmppRelayLoad {
    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final Duration MAX_DURATION = Duration.ofSeconds(5);
    private static final int FIRST_ID = 1001;
    /** Raw Smack sends 2,000 signals one at a time and 10,000 back to back. */
    private static final int RAW_SIGNALS = 12_000;

    /**
     * What one run measured: {@code steady} at the given rate, {@code max} at the most the users may send; CPU
     * times (ms per 1,000 signals) of {@code max} for load clients, node 1, node 2, Prosody; and of raw for its
     * Smack clients and Prosody.
     */
    record Figures(RelayLoad.Result steady, RelayLoad.Result max, XmppRelayBenchmark.PathFigures raw,
            RawXmppLoad.Result rawSameShape, double[] maxCpuPerK, double[] rawCpuPerK) {
    }

    private XmppRelayLoad() {
    }

    static Figures run(List<String> serverFlags, int pairs, int rate, int maxRate) throws Exception {
        try (Prosody prosody = Prosody.start()) {
            List<String> flags = new ArrayList<>(serverFlags);
            flags.addAll(ServerProcess.xmppFlags(prosody));
            try (ServerProcess node1 = new ServerProcess(flags); ServerProcess node2 = new ServerProcess(flags)) {
                node1.waitUntilServing(Duration.ofSeconds(30));
                node2.waitUntilServing(Duration.ofSeconds(30));
                // User ids from 1001: raw Smack uses users 3 and 4.
                try (RelayLoad load = RelayLoad.connect(RelayLoad.Nodes.xmpp(node1.baseUrl(), node2.baseUrl(),
                        FIRST_ID), pairs)) {
                    RelayLoad.Result warmUp = load.measure(rate, Duration.ofSeconds(10), DRAIN);
                    System.out.printf("benchmark: P5x warm-up %.0f/s, p50 %.1f ms, %d lost%n",
                            warmUp.signalsPerSecond(), warmUp.latencyMs().median(), warmUp.lost());
                    long self = ProcessHandle.current().pid();
                    long[] before = {CpuTime.millis(self), CpuTime.millis(prosody.pid())};
                    XmppRelayBenchmark.PathFigures raw = XmppRelayBenchmark.measureRaw(prosody);
                    double[] rawCpu = {perThousand(CpuTime.millis(self) - before[0], RAW_SIGNALS),
                        perThousand(CpuTime.millis(prosody.pid()) - before[1], RAW_SIGNALS)};
                    Map<String, Long> node1Before = CpuTime.byThread(node1.pid());
                    Map<String, Long> node2Before = CpuTime.byThread(node2.pid());
                    long prosodyBefore = CpuTime.millis(prosody.pid());
                    RelayLoad.Result steady = load.measure(rate, Duration.ofSeconds(10), DRAIN);
                    System.out.println("benchmark: P5x busiest threads, node 1: " + CpuTime.busiest(node1Before,
                            CpuTime.byThread(node1.pid()), 5) + "; node 2: " + CpuTime.busiest(node2Before,
                            CpuTime.byThread(node2.pid()), 5) + "; Prosody " + (CpuTime.millis(prosody.pid())
                            - prosodyBefore) + " ms");
                    RelayLoad.Result max = load.measure(maxRate, MAX_DURATION, DRAIN, self, node1.pid(),
                            node2.pid(), prosody.pid());
                    double[] maxCpu = new double[max.cpuMillis().length];
                    for (int i = 0; i < maxCpu.length; i++) {
                        maxCpu[i] = perThousand(max.cpuMillis()[i], max.received());
                    }
                    RawXmppLoad.Result rawSameShape = RawXmppLoad.run(prosody, "1", FIRST_ID, pairs * 2, maxRate,
                            MAX_DURATION);
                    if (max.errors() > 0) {
                        System.out.println("benchmark: P5x got " + max.errors() + " error frames, first: "
                                + max.firstError());
                    }
                    return new Figures(steady, max, raw, rawSameShape, maxCpu, rawCpu);
                }
            }
        }
    }

    private static double perThousand(long cpuMillis, long signals) {
        return cpuMillis * 1000.0 / Math.max(1, signals);
    }
}
