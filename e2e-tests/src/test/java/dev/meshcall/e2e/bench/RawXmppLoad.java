package dev.meshcall.e2e.bench;

import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.xmpp.XmppService;
import dev.meshcall.server.relay.xmpp.SignalMapper;
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
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityFullJid;

/**
 * P5xm's baseline of the same shape: the same users, logged in to the same XMPP service by plain Smack (resource
 * {@code raw}, no presence, so the nodes' sessions of those users are not disturbed), every user sending the same
 * {@code iceCandidates} stanza to its partner's {@code raw} connection at the same rate for the same time; callers
 * on the service's first host and callees on its last, as the nodes' users are. The ratio
 * against it is what MeshCall's two hops (WebSocket → node, node → WebSocket) cost; the one-pair baseline also
 * printed shows what Prosody does for one connection pair, which batches far better than for hundreds.
 */
final class RawXmppLoad {
    private static final Duration DRAIN = Duration.ofSeconds(30);

    /** Delivered signals per second (up to the last arrival), and the counts. */
    record Result(double perSecond, long sent, long received) {
        long lost() {
            return sent - received;
        }
    }

    private RawXmppLoad() {
    }

    /**
     * @param firstId user id of user 0; user {@code n} is {@code firstId + n}, with password {@code password-ID}
     *                (as {@link LoadClient#signUp} made them); pair {@code i} is users {@code 2i} and {@code 2i+1}
     */
    static Result run(XmppService service, String appId, int firstId, int users, int ratePerUser, Duration duration)
            throws Exception {
        List<XMPPTCPConnection> connections = connectAll(service, appId, firstId, users);
        AtomicLong received = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        for (XMPPTCPConnection connection : connections) {
            connection.addSyncStanzaListener(stanza -> {
                received.incrementAndGet();
                lastArrival.set(System.nanoTime());
            }, StanzaTypeFilter.MESSAGE);
        }
        try {
            AtomicLong sent = new AtomicLong();
            ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
            List<ScheduledFuture<?>> tasks = new ArrayList<>();
            long periodMicros = 1_000_000L / ratePerUser;
            long start = System.nanoTime();
            for (int i = 0; i < connections.size(); i++) {
                XMPPTCPConnection from = connections.get(i);
                EntityFullJid to = connections.get(i ^ 1).getUser();
                String session = "bench-" + (i / 2);
                tasks.add(senders.scheduleAtFixedRate(() -> {
                    try {
                        from.sendStanza(stanza(to, session));
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException("raw send failed", e);
                    }
                }, (i * periodMicros) / connections.size(), periodMicros, TimeUnit.MICROSECONDS));
            }
            LockSupport.parkNanos(duration.toNanos());
            tasks.forEach(task -> task.cancel(false));
            senders.shutdown();
            senders.awaitTermination(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + DRAIN.toNanos();
            while (received.get() < sent.get() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            double seconds = (Math.max(lastArrival.get(), start + 1) - start) / 1e9;
            return new Result(received.get() / seconds, sent.get(), received.get());
        } finally {
            connections.forEach(XMPPTCPConnection::disconnect);
        }
    }

    private static Message stanza(EntityFullJid to, String session) {
        Signal signal = Signal.builder(SignalType.ICE_CANDIDATES, session)
                .iceCandidates(List.of(new IceCandidate("candidate:" + System.nanoTime()
                        + " 1 udp 2122260223 127.0.0.1 54321 typ host generation 0", "0", 0)))
                .build();
        return StanzaBuilder.buildMessage().to(to).ofType(Message.Type.headline)
                .addExtension(SignalMapper.fromSignal(signal)).build();
    }

    private static List<XMPPTCPConnection> connectAll(XmppService service, String appId, int firstId, int users)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<XMPPTCPConnection>> futures = new ArrayList<>();
            for (int n = 0; n < users; n++) {
                int id = firstId + n;
                int host = n % 2 == 0 ? 0 : service.hostCount() - 1;
                futures.add(pool.submit(() -> {
                    XMPPTCPConnection connection = new XMPPTCPConnection(service.client(host, id + "-" + appId,
                            "password-" + id, "raw").setSendPresence(false).build());
                    connection.connect().login();
                    return connection;
                }));
            }
            List<XMPPTCPConnection> connections = new ArrayList<>();
            for (Future<XMPPTCPConnection> future : futures) {
                connections.add(future.get(30, TimeUnit.SECONDS));
            }
            return connections;
        } finally {
            pool.shutdownNow();
        }
    }
}
