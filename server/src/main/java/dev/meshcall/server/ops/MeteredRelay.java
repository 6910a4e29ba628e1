package dev.meshcall.server.ops;

import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.relay.Delivery;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.ListenerHandle;
import dev.meshcall.server.relay.PresenceListener;
import dev.meshcall.server.relay.Relay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link Relay} that counts what passes through it into Micrometer: signals relayed by type
 * ({@code meshcall_signals_relayed_total{type}}), error frames by code ({@code meshcall_errors_total{code}}, fed by
 * {@code Connections}) and the
 * users with a page open on this node ({@code meshcall_online_users}). Everything else is the wrapped relay's.
 */
public final class MeteredRelay implements Relay {
    private final Relay delegate;
    private final MeterRegistry registry;
    private final Map<SignalType, Counter> relayed = new EnumMap<>(SignalType.class);
    private final Set<Integer> localUsers = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> sockets = new ConcurrentHashMap<>();

    public MeteredRelay(Relay delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        for (SignalType type : SignalType.values()) {
            relayed.put(type, Counter.builder("meshcall.signals.relayed").description("signals handed to the relay")
                    .tag("type", type.wireName()).register(registry));
        }
        registry.gauge("meshcall.online.users", localUsers, Set::size);
    }

    /** The relay this one counts for. */
    public Relay delegate() {
        return delegate;
    }

    /** Counts an error frame sent to a browser, by code. */
    public void error(String code) {
        Counter.builder("meshcall.errors").description("errors answered, by code").tag("code", code)
                .register(registry).increment();
    }

    @Override
    public void register(Endpoint endpoint) {
        sockets.merge(endpoint.userId(), 1, Integer::sum);
        localUsers.add(endpoint.userId());
        delegate.register(endpoint);
    }

    @Override
    public void unregister(Endpoint endpoint) {
        sockets.computeIfPresent(endpoint.userId(), (user, count) -> {
            if (count <= 1) {
                localUsers.remove(user);
                return null;
            }
            return count - 1;
        });
        delegate.unregister(endpoint);
    }

    @Override
    public Delivery deliver(Endpoint origin, int to, Signal signal) {
        // Refusals (thrown, or OFFLINE) become error frames, which are counted where they are sent.
        Delivery delivery = delegate.deliver(origin, to, signal);
        if (delivery != Delivery.OFFLINE) {
            relayed.get(signal.signalType()).increment();
        }
        return delivery;
    }

    @Override
    public boolean isOnline(int userId) {
        return delegate.isOnline(userId);
    }

    @Override
    public boolean ping(int userId, Duration timeout) {
        return delegate.ping(userId, timeout);
    }

    @Override
    public ListenerHandle addPresenceListener(PresenceListener listener) {
        return delegate.addPresenceListener(listener);
    }
}
