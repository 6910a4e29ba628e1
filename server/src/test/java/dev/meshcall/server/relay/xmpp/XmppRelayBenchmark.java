package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.Endpoint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a timed test (run: {@code mvn -B -o -pl server test -Dtest=XmppRelayBenchmark -Dmeshcall.bench=true
 * -Dsurefire.failIfNoSpecifiedTests=false}): one-way latency and throughput of a signal from a page on node 1 through
 * Prosody to a page on node 2, beside raw Smack to Smack through the same Prosody in the same run; losses; memory and
 * threads per bridged user at 1,000 users.
 */
public final class XmppRelayBenchmark {
    private static final String APP = "1";
    private static final int LATENCY_ROUNDS = 2000;
    private static final int THROUGHPUT_SIGNALS = 10_000;
    private static final int USERS = 1000;

    /** One path's figures: one-way latency (ms), throughput (signals/s) and losses. */
    public record PathFigures(double p50Millis, double p99Millis, double perSecond, int lost) {
    }

    /** Everything one run measures. */
    public record Figures(PathFigures bridge, PathFigures raw, double heapKibPerUser, double threadsPerUser,
            double loginSeconds) {
    }

    @Test
    void figures() throws Exception {
        assumeThat(Boolean.getBoolean("meshcall.bench")).as("-Dmeshcall.bench=true").isTrue();
        measure();
    }

    /**
     * Starts a Prosody, measures the bridge and raw Smack beside it, then 1,000 bridged users; prints each figure
     * (lines starting {@code BENCH}) and returns them, for the one benchmark table of {@code scripts/bench.sh}.
     */
    public static Figures measure() throws Exception {
        XmppRelayBenchmark bench = new XmppRelayBenchmark();
        try (Prosody prosody = Prosody.start()) {
            XmppSettings settings = prosody.settings(APP);
            PathFigures bridge;
            PathFigures raw;
            try (XmppRelay node1 = new XmppRelay(settings); XmppRelay node2 = new XmppRelay(settings)) {
                for (int id : new int[] {1, 2, 3, 4}) {
                    node1.signUp(id, "pw-" + id);
                }
                bridge = bench.bridge(node1, node2);
                raw = bench.raw(prosody);
            }
            double[] perUser = bench.perUser(settings);
            return new Figures(bridge, raw, perUser[0], perUser[1], perUser[2]);
        }
    }

    /**
     * Raw Smack → {@code service} → Smack alone, as {@link #measure()} measures it beside the bridge (users 3 and 4
     * of application 1, created here; on the first and the last host, so across two members of a cluster): the
     * baseline for a benchmark that runs its own load through the same service.
     */
    public static PathFigures measureRaw(XmppService service) throws Exception {
        service.register("3-" + APP, "pw-3");
        service.register("4-" + APP, "pw-4");
        return new XmppRelayBenchmark().raw(service);
    }

    private static Signal signal(long stamp) {
        return Signal.builder(SignalType.HANG_UP, "bench-session").userInfo(Map.of("t", stamp)).build();
    }

    private PathFigures bridge(XmppRelay node1, XmppRelay node2) throws Exception {
        node1.login(1, "pw-1");
        node2.login(2, "pw-2");
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        Endpoint sender = endpoint(1, arrivals);
        node1.register(sender);
        node2.register(endpoint(2, arrivals));
        node1.deliver(sender, 2, signal(System.nanoTime()));
        arrivals.poll(5, TimeUnit.SECONDS);

        long[] latency = new long[LATENCY_ROUNDS];
        for (int i = 0; i < LATENCY_ROUNDS; i++) {
            long start = System.nanoTime();
            node1.deliver(sender, 2, signal(start));
            Long end = arrivals.poll(5, TimeUnit.SECONDS);
            latency[i] = end == null ? Long.MAX_VALUE : end - start;
        }
        long start = System.nanoTime();
        for (int i = 0; i < THROUGHPUT_SIGNALS; i++) {
            node1.deliver(sender, 2, signal(System.nanoTime()));
        }
        int received = drain(arrivals, THROUGHPUT_SIGNALS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return report("bridge relay node 1 -> Prosody -> relay node 2", latency, received, seconds);
    }

    private PathFigures raw(XmppService service) throws Exception {
        XMPPTCPConnection a = plain(service, 0, 3);
        XMPPTCPConnection b = plain(service, service.hostCount() - 1, 4);
        LinkedBlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        b.addSyncStanzaListener(stanza -> arrivals.add(System.nanoTime()), StanzaTypeFilter.MESSAGE);
        XmppAddresses addresses = new XmppAddresses(service.domain(), APP);
        try {
            long[] latency = new long[LATENCY_ROUNDS];
            for (int i = 0; i < LATENCY_ROUNDS; i++) {
                long start = System.nanoTime();
                a.sendStanza(message(addresses, start));
                Long end = arrivals.poll(5, TimeUnit.SECONDS);
                latency[i] = end == null ? Long.MAX_VALUE : end - start;
            }
            long start = System.nanoTime();
            for (int i = 0; i < THROUGHPUT_SIGNALS; i++) {
                a.sendStanza(message(addresses, System.nanoTime()));
            }
            int received = drain(arrivals, THROUGHPUT_SIGNALS);
            return report("raw Smack->" + service.getClass().getSimpleName() + "->Smack (same stanza)", latency,
                    received, (System.nanoTime() - start) / 1e9);
        } finally {
            a.disconnect();
            b.disconnect();
        }
    }

    private static Message message(XmppAddresses addresses, long stamp) {
        return StanzaBuilder.buildMessage().to(addresses.bareJid(4)).ofType(Message.Type.headline)
                .addExtension(SignalMapper.fromSignal(signal(stamp))).build();
    }

    private static XMPPTCPConnection plain(XmppService service, int host, int id) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(service.client(host, id + "-" + APP, "pw-" + id, "raw")
                .build());
        connection.connect().login();
        return connection;
    }

    /** Heap (KiB) and threads per bridged user, and the seconds all took to log in. */
    private double[] perUser(XmppSettings settings) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (XmppRelay signUps = new XmppRelay(settings)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                int id = 1000 + i;
                done.add(pool.submit(() -> {
                    signUps.signUp(id, "pw-" + id);
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        long heapBefore = usedHeap();
        int threadsBefore = Thread.activeCount();
        long start = System.nanoTime();
        try (XmppRelay node = new XmppRelay(settings)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                int id = 1000 + i;
                done.add(pool.submit(() -> {
                    node.login(id, "pw-" + id);
                    node.register(endpoint(id, new LinkedBlockingQueue<>()));
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double loginSeconds = (System.nanoTime() - start) / 1e9;
            long heapAfter = usedHeap();
            int threadsAfter = Thread.activeCount();
            System.out.printf("BENCH %d bridged users logged in in %.1f s (8 at a time): %.0f KiB heap and %.2f"
                    + " threads per user (heap %d -> %d MiB, threads %d -> %d), logged in now %d%n", USERS,
                    loginSeconds, (heapAfter - heapBefore) / 1024.0 / USERS,
                    (threadsAfter - threadsBefore) / (double) USERS, heapBefore >> 20, heapAfter >> 20,
                    threadsBefore, threadsAfter, node.loggedInCount());
            return new double[] {(heapAfter - heapBefore) / 1024.0 / USERS,
                (threadsAfter - threadsBefore) / (double) USERS, loginSeconds};
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedHeap() {
        // An explicit GC is a full, synchronous collection: the heap in use right after it is what is live.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Endpoint endpoint(int userId, LinkedBlockingQueue<Long> arrivals) {
        return new Endpoint() {
            @Override
            public int userId() {
                return userId;
            }

            @Override
            public void send(Frame frame) {
                if (frame.signal() != null) {
                    arrivals.add(System.nanoTime());
                }
            }
        };
    }

    private static int drain(LinkedBlockingQueue<Long> arrivals, int expected) throws InterruptedException {
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        AtomicLong last = new AtomicLong();
        while (received < expected && System.nanoTime() < deadline) {
            Long at = arrivals.poll(2, TimeUnit.SECONDS);
            if (at == null) {
                break;
            }
            last.set(at);
            received++;
        }
        return received;
    }

    private static PathFigures report(String what, long[] latency, int received, double seconds) {
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        PathFigures figures = new PathFigures(sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, received / seconds, THROUGHPUT_SIGNALS - received);
        System.out.printf("BENCH %s: one-way p50 %.2f ms, p99 %.2f ms over %d signals; throughput %.0f signals/s"
                + " (%d sent, %d received, %d lost)%n", what, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, latency.length, received / seconds, THROUGHPUT_SIGNALS,
                received, THROUGHPUT_SIGNALS - received);
        return figures;
    }
}
