package dev.meshcall.e2e.bench;

import dev.meshcall.e2e.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P9: what a normal user waits for while someone attacks the server as in issue 12, items 1–4, beside the same with
 * no attack. The normal user repeats one cycle: sign in over REST, open a WebSocket and wait for {@code ready}, ping
 * and wait for the pong. Each attack runs while the cycle is measured and stops before the next phase:
 * <ol>
 *   <li>slow request bodies: {@value #SLOW_BODIES} connections that announce a 16,000-byte login body and send one
 *       byte a second, opened again as the server cuts them off;</li>
 *   <li>a session flood: {@code call}s with fresh session ids at an offline user, {@value #FLOOD_RATE} a second
 *       (under the per-socket frame rate);</li>
 *   <li>a flood aimed at one user: a 47 KiB {@code call} {@value #FLOOD_RATE} times a second at a user whose socket
 *       reads nothing;</li>
 *   <li>connection floods: {@value #SLOW_HEADERS} HTTP connections that send their headers a byte a second, and one
 *       user opening {@value #DEVICES} WebSockets (past the cap per user).</li>
 * </ol>
 * A step that takes longer than {@link #STEP_TIMEOUT} counts as a timeout. Bounded in count and time; every
 * connection goes to the server on loopback.
 */
final class AttackBench {
    /** Longer than the server's 10 s header and body timeouts, so that it is seen cutting slow clients off. */
    static final Duration PHASE = Duration.ofSeconds(15);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    /** Between one cycle of the normal user and the next. */
    private static final Duration PAUSE = Duration.ofMillis(100);
    private static final int SLOW_BODIES = 20;
    private static final int SLOW_HEADERS = 200;
    private static final int DEVICES = 30;
    private static final int FLOOD_RATE = 40;
    private static final String BIG_SDP = "v=0 " + "a".repeat(47 * 1024);
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    /** What one phase measured: the normal user's cycles in milliseconds, and how many timed out or failed. */
    record Phase(String name, Samples millis, int timeouts, String firstFailure) {
    }

    private final ServerProcess server;
    /** The normal user's client. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(STEP_TIMEOUT).build();
    /** The attackers' own, as they would be on other machines: a stalled socket holds up nothing of the user's. */
    private final HttpClient attackers = HttpClient.newBuilder().connectTimeout(STEP_TIMEOUT).build();
    private final String run = Long.toString(System.nanoTime() % 1_000_000, 36);
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, task -> {
        Thread thread = new Thread(task, "p9-attack");
        thread.setDaemon(true);
        return thread;
    });

    AttackBench(ServerProcess server) {
        this.server = server;
    }

    /** The phase with no attack, then one per attack, in the order of the issue. */
    List<Phase> run() throws Exception {
        String normal = "normal-" + run;
        signUp(normal);
        List<Phase> phases = new ArrayList<>();
        try {
            measure("warm-up", normal, () -> () -> { });  // the server's first seconds are spent compiling
            phases.add(measure("no attack", normal, () -> () -> { }));
            phases.add(measure("1 slow bodies", normal, this::slowBodies));
            phases.add(measure("2 session flood", normal, this::sessionFlood));
            phases.add(measure("3 flood at one user", normal, this::floodAtOneUser));
            phases.add(measure("4 connection floods", normal, this::connectionFloods));
        } finally {
            timer.shutdownNow();
        }
        return phases;
    }

    /** An attack: starts it and returns what stops it. */
    private interface Attack {
        AutoCloseable start() throws Exception;
    }

    /**
     * Runs the normal user's cycle for {@link #PHASE} while {@code attack} runs: one cycle, then {@link #PAUSE}
     * (a person signs in now and then, not in a loop), on a thread of its own; returns once the last cycle ended.
     */
    private Phase measure(String name, String login, Attack attack) throws Exception {
        Cycles cycles = new Cycles(login);
        ScheduledExecutorService user = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "p9-normal-user");
            thread.setDaemon(true);
            return thread;
        });
        try (AutoCloseable running = attack.start()) {
            long end = System.nanoTime() + PHASE.toNanos();
            var repeating = user.scheduleWithFixedDelay(cycles, 0, PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            Poll.until("the end of phase '" + name + "'", PHASE.plusSeconds(1), () -> System.nanoTime() >= end);
            repeating.cancel(false);
            // The one thread runs this after the cycle in progress: the samples are whole and visible from here on.
            user.submit(() -> { }).get(3 * STEP_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } finally {
            user.shutdownNow();
        }
        return new Phase(name, cycles.millis, cycles.timeouts, cycles.firstFailure);
    }

    /** The normal user's cycles of one phase; run on one thread only. */
    private final class Cycles implements Runnable {
        private final String login;
        final Samples millis = new Samples();
        int timeouts;
        String firstFailure;

        Cycles(String login) {
            this.login = login;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try {
                cycle(login);
                millis.add((System.nanoTime() - start) / 1e6);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                timeouts++;
                if (firstFailure == null) {
                    firstFailure = e.getMessage() + " at " + Instant.now();
                }
            }
        }
    }

    /** Sign in, WebSocket {@code ready}, ping and pong; each step within {@link #STEP_TIMEOUT}. */
    private void cycle(String login) throws Exception {
        String token = match(TOKEN, post("/api/login", credentials(login)));
        CompletableFuture<String> ready = new CompletableFuture<>();
        CompletableFuture<String> pong = new CompletableFuture<>();
        WholeMessages answers = new WholeMessages(frame -> {
            if (frame.startsWith("{\"op\":\"ready\"")) {
                ready.complete(frame);
            } else if (frame.startsWith("{\"op\":\"pong\"")) {
                pong.complete(frame);
            }
        });
        WebSocket socket = within(http.newWebSocketBuilder().connectTimeout(STEP_TIMEOUT)
                .buildAsync(URI.create(server.baseUrl().replace("http:", "ws:") + "/ws"), answers),
                "the WebSocket handshake");
        try {
            // A WebSocket takes one send at a time: the ping must wait for the auth frame's send to complete, which
            // may be reported after ready arrives (a send over it fails, and its pong never comes).
            within(socket.sendText("{\"op\":\"auth\",\"token\":\"" + token + "\"}", true), "sending auth");
            within(ready, "ready");
            within(socket.sendText("{\"op\":\"ping\",\"id\":\"p9\"}", true), "sending the ping");
            within(pong, "the pong");
        } finally {
            socket.abort();
        }
    }

    /** What {@code step} gives, or a {@link TimeoutException} naming the step after {@link #STEP_TIMEOUT}. */
    private static <T> T within(CompletableFuture<T> step, String what) throws Exception {
        try {
            return step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " took over " + STEP_TIMEOUT.toMillis() + " ms");
        }
    }

    /** Item 1: connections that announce a login body and trickle it, replaced as the server cuts them off. */
    private AutoCloseable slowBodies() {
        String head = "POST /api/login HTTP/1.1\r\nHost: " + host() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 16000\r\n\r\n{";
        return trickle(SLOW_BODIES, head, "a");
    }

    /** Item 2: {@code call}s with fresh session ids at a user who is offline. */
    private AutoCloseable sessionFlood() {
        LoadClient attacker = signUp("flooder-" + run);
        int offline = signUp("offline-" + run).userId;
        attacker.open(attackers, server.baseUrl(), frame -> { });
        return every(attacker, () -> call(offline, attacker.userId, UUID.randomUUID().toString(), "v=0"));
    }

    /** Item 3: the same 47 KiB {@code call} again and again at a user whose socket reads nothing. */
    private AutoCloseable floodAtOneUser() throws Exception {
        LoadClient attacker = signUp("mallory-" + run);
        LoadClient victim = signUp("victim-" + run);
        attacker.open(attackers, server.baseUrl(), frame -> { });
        WebSocket stalled = stalledSocket(victim.token);
        String session = UUID.randomUUID().toString();
        AutoCloseable flood = every(attacker, () -> call(victim.userId, attacker.userId, session, BIG_SDP));
        return () -> {
            flood.close();
            stalled.abort();
        };
    }

    /** Item 4: HTTP connections that never finish their headers, and one user opening sockets past the cap. */
    private AutoCloseable connectionFloods() throws Exception {
        AutoCloseable slowHeaders = trickle(SLOW_HEADERS, "GET /health HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ",
                "a");
        LoadClient hoarder = signUp("hoarder-" + run);
        List<WebSocket> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            devices.add(stalledSocket(hoarder.token));
        }
        return () -> {
            slowHeaders.close();
            devices.forEach(WebSocket::abort);
        };
    }

    /**
     * Holds {@code count} raw connections that sent {@code head} and then send {@code drip} once a second; a
     * connection the server closed is opened again.
     */
    private AutoCloseable trickle(int count, String head, String drip) {
        Socket[] sockets = new Socket[count];
        AtomicInteger cutOff = new AtomicInteger();
        Runnable tick = () -> {
            for (int i = 0; i < count; i++) {
                try {
                    if (sockets[i] == null) {
                        sockets[i] = new Socket(InetAddress.getLoopbackAddress(), server.port());
                        sockets[i].getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                    } else {
                        OutputStream out = sockets[i].getOutputStream();
                        out.write(drip.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                } catch (IOException e) {
                    closeQuietly(sockets[i]);
                    sockets[i] = null;
                    cutOff.incrementAndGet();
                }
            }
        };
        var task = timer.scheduleWithFixedDelay(tick, 0, 1, TimeUnit.SECONDS);
        return () -> {
            task.cancel(false);
            timer.submit(() -> {
                for (Socket socket : sockets) {
                    closeQuietly(socket);
                }
            }).get(10, TimeUnit.SECONDS);
            System.out.printf("benchmark: P9 %d trickling connections; the server cut off %d%n", count,
                    cutOff.get());
        };
    }

    /** Sends {@code frame} from {@code attacker} {@value #FLOOD_RATE} times a second. */
    private AutoCloseable every(LoadClient attacker, Supplier<String> frame) {
        var task = timer.scheduleAtFixedRate(() -> attacker.send(frame.get()), 0, 1000 / FLOOD_RATE,
                TimeUnit.MILLISECONDS);
        return () -> {
            task.cancel(false);
            attacker.close();
        };
    }

    /** A signed-in WebSocket that reads nothing after {@code ready} (or after its refusal). */
    private WebSocket stalledSocket(String token) throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        WebSocket socket = attackers.newWebSocketBuilder().connectTimeout(STEP_TIMEOUT)
                .buildAsync(URI.create(server.baseUrl().replace("http:", "ws:") + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        first.complete(null);  // and asks for nothing more
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        first.complete(null);
                        return null;
                    }
                }).get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        within(socket.sendText("{\"op\":\"auth\",\"token\":\"" + token + "\"}", true), "sending auth");
        first.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return socket;
    }

    private static String call(int to, int caller, String session, String sdp) {
        return "{\"op\":\"signal\",\"to\":" + to + ",\"signal\":{\"signalType\":\"call\",\"sessionID\":\"" + session
                + "\",\"callType\":1,\"callerID\":" + caller + ",\"opponentsIDs\":[" + to + "],\"sdp\":\"" + sdp
                + "\",\"platform\":\"web\"}}";
    }

    private LoadClient signUp(String login) {
        return LoadClient.signUp(attackers, server.baseUrl(), login);
    }

    private static String credentials(String login) {
        return "{\"login\":\"" + login + "\",\"password\":\"password-" + login + "\"}";
    }

    private String host() {
        return "127.0.0.1:" + server.port();
    }

    private String post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").timeout(STEP_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (HttpTimeoutException e) {
            throw new TimeoutException(path + " did not answer within " + STEP_TIMEOUT);
        }
    }

    private static String match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected reply: " + text);
        }
        return matcher.group(1);
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
