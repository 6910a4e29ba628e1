package dev.meshcall.e2e.bench;

import dev.meshcall.server.relay.xmpp.XmppRelayBenchmark;
import dev.meshcall.server.relay.xmpp.XmppService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * P5 over XMPP: {@link RelayLoad}'s simulated users against two server processes in XMPP mode sharing one real XMPP
 * service (a Prosody, or a two-member ejabberd cluster with node 1 on member a and node 2 on member b), callers'
 * WebSockets on node 1 and callees' on node 2, so every signal goes WebSocket → node → the service → the other node →
 * WebSocket. Users sign up by in-band registration through the nodes' REST API (docs/xmpp.md). Beside it, raw Smack
 * ↔ the same service ({@link XmppRelayBenchmark#measureRaw}, {@link RawXmppLoad}), measured while the nodes idle
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
     * times (ms per 1,000 signals) of {@code max} for load clients, node 1, node 2, the XMPP service (all its
     * processes); and of raw for its Smack clients and the service.
     */
    record Figures(RelayLoad.Result steady, RelayLoad.Result max, XmppRelayBenchmark.PathFigures raw,
            RawXmppLoad.Result rawSameShape, double[] maxCpuPerK, double[] rawCpuPerK) {
    }

    private XmppRelayLoad() {
    }

    /** The load over {@code service}, which it closes; {@code id} names the figures printed meanwhile. */
    static Figures run(String id, XmppService service, List<String> serverFlags, int pairs, int rate, int maxRate)
            throws Exception {
        try (XmppService xmpp = service) {
            List<String> flags1 = new ArrayList<>(serverFlags);
            flags1.addAll(ServerProcess.xmppFlags(xmpp, 0));
            List<String> flags2 = new ArrayList<>(serverFlags);
            flags2.addAll(ServerProcess.xmppFlags(xmpp, xmpp.hostCount() - 1));
            try (ServerProcess node1 = new ServerProcess(flags1); ServerProcess node2 = new ServerProcess(flags2)) {
                node1.waitUntilServing(Duration.ofSeconds(30));
                node2.waitUntilServing(Duration.ofSeconds(30));
                // User ids from 1001: raw Smack uses users 3 and 4.
                try (RelayLoad load = RelayLoad.connect(RelayLoad.Nodes.xmpp(node1.baseUrl(), node2.baseUrl(),
                        FIRST_ID), pairs)) {
                    RelayLoad.Result warmUp = load.measure(rate, Duration.ofSeconds(10), DRAIN);
                    System.out.printf("benchmark: " + id + " warm-up %.0f/s, p50 %.1f ms, %d lost%n",
                            warmUp.signalsPerSecond(), warmUp.latencyMs().median(), warmUp.lost());
                    long self = ProcessHandle.current().pid();
                    long[] before = {CpuTime.millis(self), serviceCpu(xmpp)};
                    XmppRelayBenchmark.PathFigures raw = XmppRelayBenchmark.measureRaw(xmpp);
                    double[] rawCpu = {perThousand(CpuTime.millis(self) - before[0], RAW_SIGNALS),
                        perThousand(serviceCpu(xmpp) - before[1], RAW_SIGNALS)};
                    Map<String, Long> node1Before = CpuTime.byThread(node1.pid());
                    Map<String, Long> node2Before = CpuTime.byThread(node2.pid());
                    long serviceBefore = serviceCpu(xmpp);
                    RelayLoad.Result steady = load.measure(rate, Duration.ofSeconds(10), DRAIN);
                    System.out.println("benchmark: " + id + " busiest threads, node 1: " + CpuTime.busiest(node1Before,
                            CpuTime.byThread(node1.pid()), 5) + "; node 2: " + CpuTime.busiest(node2Before,
                            CpuTime.byThread(node2.pid()), 5) + "; the XMPP service " + (serviceCpu(xmpp)
                            - serviceBefore) + " ms");
                    long[] watched = LongStream.concat(LongStream.of(self, node1.pid(), node2.pid()),
                            LongStream.of(xmpp.pids())).toArray();
                    RelayLoad.Result max = load.measure(maxRate, MAX_DURATION, DRAIN, watched);
                    double[] maxCpu = new double[4];
                    for (int i = 0; i < watched.length; i++) {
                        maxCpu[Math.min(i, 3)] += perThousand(max.cpuMillis()[i], max.received());
                    }
                    RawXmppLoad.Result rawSameShape = RawXmppLoad.run(xmpp, "1", FIRST_ID, pairs * 2, maxRate,
                            MAX_DURATION);
                    if (max.errors() > 0) {
                        System.out.println("benchmark: " + id + " got " + max.errors() + " error frames, first: "
                                + max.firstError());
                    }
                    return new Figures(steady, max, raw, rawSameShape, maxCpu, rawCpu);
                }
            }
        }
    }

    /** The CPU time of all the service's processes. */
    private static long serviceCpu(XmppService service) {
        return LongStream.of(service.pids()).map(CpuTime::millis).sum();
    }

    private static double perThousand(long cpuMillis, long signals) {
        return cpuMillis * 1000.0 / Math.max(1, signals);
    }
}
