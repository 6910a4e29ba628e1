package dev.meshcall.e2e.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * P5: signals per second and one-way latency through the server, with simulated users over real WebSockets.
 * Users come in pairs, the caller on one node and the callee on another (or the same); each pair sets up a session
 * ({@code call}, and {@code accept} once the callee has the call), then both ends trickle {@code iceCandidates} at a
 * fixed rate under the server's per-connection limit, each carrying its send time. Bounded in count and time;
 * loopback only.
 */
final class RelayLoad implements AutoCloseable {

    /**
     * What one run measured: signals/s are those received over the time from the first send to the last arrival;
     * {@code cpuMillis} the CPU each watched process used over that time (in the order given).
     */
    record Result(double signalsPerSecond, Samples latencyMs, long sent, long received, long errors,
            String firstError, long[] cpuMillis) {
        long lost() {
            return sent - received;
        }
    }

    /**
     * Where the users sign up and connect: pair {@code i}'s caller on {@code callers}, its callee on
     * {@code callees}; {@code login} names user {@code n} (in XMPP mode the login is the user id, a number).
     */
    record Nodes(String callers, String callees, IntFunction<String> login) {
        /** Everyone on one server with an embedded relay (logins are names). */
        static Nodes one(String baseUrl) {
            String run = Long.toString(System.nanoTime() % 1_000_000, 36);
            return new Nodes(baseUrl, baseUrl, n -> "load-" + run + "-" + n);
        }

        /** Callers on one XMPP-mode node, callees on another: user ids from {@code firstId}. */
        static Nodes xmpp(String callers, String callees, int firstId) {
            return new Nodes(callers, callees, n -> Integer.toString(firstId + n));
        }

        String nodeOf(int n) {
            return n % 2 == 0 ? callers : callees;
        }
    }

    /** Counters of one measured phase: only signals sent during it count. */
    private static final class Phase {
        final long start = System.nanoTime();
        final Samples latencyMs = new Samples();
        final AtomicLong received = new AtomicLong();
        final AtomicLong lastArrival = new AtomicLong();

        void arrived(long sentAt, long now) {
            if (sentAt < start) {
                return;  // a straggler of the phase before
            }
            synchronized (latencyMs) {
                latencyMs.add((now - sentAt) / 1e6);
            }
            received.incrementAndGet();
            lastArrival.accumulateAndGet(now, Math::max);
        }
    }

    private final List<LoadClient> clients;
    private final AtomicReference<Phase> phase = new AtomicReference<>(new Phase());
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    private RelayLoad(List<LoadClient> clients) {
        this.clients = clients;
    }

    /**
     * Signs up and connects {@code pairs} pairs of users on {@code nodes} and sets up a session per pair; then
     * {@link #measure} runs loads on them, and {@link #close} disconnects them.
     */
    static RelayLoad connect(Nodes nodes, int pairs) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        RelayLoad load = new RelayLoad(signUpAll(http, nodes::nodeOf, nodes.login(), pairs * 2));
        AtomicLong accepted = new AtomicLong();
        for (int n = 0; n < load.clients.size(); n++) {
            LoadClient client = load.clients.get(n);
            LoadClient peer = load.clients.get(n ^ 1);
            String accept = signal(peer.userId, "{\"signalType\":\"accept\",\"sessionID\":\"bench-" + (n / 2)
                    + "\",\"callType\":1,\"sdp\":\"v=0\"}");
            client.open(http, client.baseUrl, frame -> {
                int at = frame.indexOf("candidate:");
                if (at >= 0) {
                    long now = System.nanoTime();
                    load.phase.get().arrived(Long.parseLong(frame.substring(at + 10, frame.indexOf('"', at))), now);
                } else if (frame.contains("\"signalType\":\"call\"")) {
                    client.send(accept);
                } else if (frame.contains("\"signalType\":\"accept\"")) {
                    accepted.incrementAndGet();
                } else if (frame.startsWith("{\"op\":\"error\"")) {
                    load.errors.incrementAndGet();
                    load.firstError.compareAndSet(null, frame);
                }
            });
        }
        for (int i = 0; i < pairs; i++) {
            LoadClient caller = load.clients.get(2 * i);
            LoadClient callee = load.clients.get(2 * i + 1);
            caller.send(signal(callee.userId, "{\"signalType\":\"call\",\"sessionID\":\"bench-" + i
                    + "\",\"callType\":1,\"callerID\":" + caller.userId + ",\"opponentsIDs\":[" + callee.userId
                    + "],\"sdp\":\"v=0\"}"));
        }
        waitFor(() -> accepted.get() == pairs, Duration.ofSeconds(30), "every pair's accept");
        return load;
    }

    /**
     * Every user trickles candidates at {@code ratePerConnection} for {@code duration}; then waits up to
     * {@code drain} for the signals still on their way (what has not arrived by then counts as lost). The CPU time
     * of the processes {@code watched} is taken from the first send to the end of the drain.
     */
    Result measure(int ratePerConnection, Duration duration, Duration drain, long... watched) throws Exception {
        long[] cpu = new long[watched.length];
        for (int w = 0; w < watched.length; w++) {
            cpu[w] = CpuTime.millis(watched[w]);
        }
        Phase current = new Phase();
        phase.set(current);
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        long periodMicros = 1_000_000L / ratePerConnection;
        for (int i = 0; i < clients.size(); i++) {
            LoadClient from = clients.get(i);
            LoadClient to = clients.get(i ^ 1);
            String prefix = "{\"op\":\"signal\",\"to\":" + to.userId + ",\"signal\":{\"signalType\":\"iceCandidates\","
                    + "\"sessionID\":\"bench-" + (i / 2) + "\",\"iceCandidates\":[{\"candidate\":\"candidate:";
            tasks.add(senders.scheduleAtFixedRate(() -> {
                from.send(prefix + System.nanoTime() + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}]}}");
                sent.incrementAndGet();
            }, (i * periodMicros) / clients.size(), periodMicros, TimeUnit.MICROSECONDS));
        }
        LockSupport.parkNanos(duration.toNanos());
        tasks.forEach(task -> task.cancel(false));
        senders.shutdown();
        senders.awaitTermination(5, TimeUnit.SECONDS);
        long expected = sent.get();
        waitFor(() -> current.received.get() >= expected, drain, "every sent signal to arrive");
        for (int w = 0; w < watched.length; w++) {
            cpu[w] = CpuTime.millis(watched[w]) - cpu[w];
        }
        double seconds = (Math.max(current.lastArrival.get(), current.start + 1) - current.start) / 1e9;
        return new Result(current.received.get() / seconds, current.latencyMs, expected, current.received.get(),
                errors.get(), firstError.get(), cpu);
    }

    /** Disconnects every user. */
    @Override
    public void close() {
        clients.forEach(LoadClient::close);
    }

    /** Signs up {@code count} users named {@code load-RUN-n}, all on {@code baseUrl}. */
    static List<LoadClient> signUpAll(HttpClient http, String baseUrl, int count) throws Exception {
        return signUpAll(http, n -> baseUrl, Nodes.one(baseUrl).login(), count);
    }

    private static List<LoadClient> signUpAll(HttpClient http, IntFunction<String> nodeOf,
            IntFunction<String> login, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<LoadClient>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> LoadClient.signUp(http, nodeOf.apply(n), login.apply(n))));
            }
            List<LoadClient> clients = new ArrayList<>();
            for (Future<LoadClient> future : futures) {
                clients.add(future.get());
            }
            return clients;
        } finally {
            pool.shutdown();
        }
    }

    private static String signal(int to, String signal) {
        return "{\"op\":\"signal\",\"to\":" + to + ",\"signal\":" + signal + "}";
    }

    /** Polls {@code condition} every 10 ms until it holds or {@code timeout} passes (then the run just reports). */
    static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                System.out.println("benchmark: gave up waiting for " + what + " after " + timeout);
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
