package dev.meshcall.server.relay;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process relay of the embedded default: one server node holds every connection, so delivering is looking the
 * recipient's connections up in a map (and, for the sender's own {@code accept}/{@code reject}, the sender's other
 * connections). Registration and presence events are serialized by one lock so that a user's online and offline
 * events can never be seen out of order; delivery takes no lock.
 */
public final class LocalRelay implements Relay {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRelay.class);

    private final Map<Integer, Set<Endpoint>> endpoints = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<PresenceListener> listeners = new CopyOnWriteArrayList<>();
    private final Object registrationLock = new Object();

    @Override
    public void register(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        synchronized (registrationLock) {
            Set<Endpoint> set = endpoints.computeIfAbsent(endpoint.userId(), id -> new CopyOnWriteArraySet<>());
            boolean first = set.isEmpty();
            set.add(endpoint);
            if (first) {
                firePresence(endpoint.userId(), true);
            }
        }
    }

    @Override
    public void unregister(Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        synchronized (registrationLock) {
            Set<Endpoint> set = endpoints.get(endpoint.userId());
            if (set == null || !set.remove(endpoint)) {
                return;
            }
            if (set.isEmpty()) {
                endpoints.remove(endpoint.userId());
                firePresence(endpoint.userId(), false);
            }
        }
    }

    @Override
    public Delivery deliver(Endpoint origin, int to, Signal signal) {
        int from = origin.userId();
        Frame frame = Frame.signalFrom(from, signal);
        Set<Endpoint> recipients = endpoints.get(to);
        boolean delivered = recipients != null && !recipients.isEmpty();
        if (delivered) {
            for (Endpoint endpoint : recipients) {
                endpoint.send(frame);
            }
        }
        if (Relay.copiedToOwnDevices(signal.signalType())) {
            Set<Endpoint> own = endpoints.get(from);
            if (own != null) {
                for (Endpoint endpoint : own) {
                    if (endpoint != origin) {
                        endpoint.send(frame);
                    }
                }
            }
        }
        return delivered ? Delivery.DELIVERED : Delivery.OFFLINE;
    }

    @Override
    public boolean isOnline(int userId) {
        Set<Endpoint> set = endpoints.get(userId);
        return set != null && !set.isEmpty();
    }

    /** The in-process relay is this server itself: it is there whenever this method runs. */
    @Override
    public boolean ping(int userId, Duration timeout) {
        return true;
    }

    @Override
    public ListenerHandle addPresenceListener(PresenceListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void firePresence(int userId, boolean online) {
        for (PresenceListener listener : listeners) {
            try {
                listener.presenceChanged(userId, online);
            } catch (RuntimeException e) {
                LOG.warn("presence listener {} failed on user {} online={}; the others still run", listener, userId,
                        online, e);
            }
        }
    }
}
