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
import java.util.concurrent.locks.LockSupport;

/**
 * P5: signals per second and one-way latency through the server, with simulated users over real WebSockets.
 * Users come in pairs; each pair sets up a session ({@code call}/{@code accept}), then both ends trickle
 * {@code iceCandidates} at a fixed rate under the server's per-connection limit, each carrying its send time.
 * Bounded in count and time; loopback only.
 */
final class RelayLoad {

    /** What one run measured. */
    record Result(double signalsPerSecond, Samples latencyMs, long sent, long received) {
        long lost() {
            return sent - received;
        }
    }

    private RelayLoad() {
    }

    static Result run(String baseUrl, int pairs, int ratePerConnection, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
        Samples latency = new Samples();
        AtomicLong received = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        List<LoadClient> clients = signUpAll(http, baseUrl, pairs * 2);
        for (LoadClient client : clients) {
            client.open(http, baseUrl, frame -> {
                int at = frame.indexOf("candidate:");
                if (at >= 0) {
                    long sentAt = Long.parseLong(frame.substring(at + 10, frame.indexOf('"', at)));
                    double ms = (System.nanoTime() - sentAt) / 1e6;
                    synchronized (latency) {
                        latency.add(ms);
                    }
                    received.incrementAndGet();
                } else if (frame.contains("\"signalType\":\"accept\"")) {
                    accepted.incrementAndGet();
                }
            });
        }
        for (int i = 0; i < pairs; i++) {
            LoadClient caller = clients.get(2 * i);
            LoadClient callee = clients.get(2 * i + 1);
            caller.send(signal(callee.userId, "{\"signalType\":\"call\",\"sessionID\":\"bench-" + i
                    + "\",\"callType\":1,\"callerID\":" + caller.userId + ",\"opponentsIDs\":[" + callee.userId
                    + "],\"sdp\":\"v=0\"}"));
            callee.send(signal(caller.userId, "{\"signalType\":\"accept\",\"sessionID\":\"bench-" + i
                    + "\",\"callType\":1,\"sdp\":\"v=0\"}"));
        }
        waitFor(() -> accepted.get() == pairs, Duration.ofSeconds(30), "every pair's accept");

        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        long periodMicros = 1_000_000L / ratePerConnection;
        long start = System.nanoTime();
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
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long expected = sent.get();
        waitFor(() -> received.get() >= expected, Duration.ofSeconds(10), "every sent signal to arrive");
        clients.forEach(LoadClient::close);
        return new Result(received.get() / elapsedSeconds, latency, expected, received.get());
    }

    static List<LoadClient> signUpAll(HttpClient http, String baseUrl, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            String run = Long.toString(System.nanoTime() % 1_000_000, 36);
            List<Future<LoadClient>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String login = "load-" + run + "-" + i;
                futures.add(pool.submit(() -> LoadClient.signUp(http, baseUrl, login)));
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
    static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
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
