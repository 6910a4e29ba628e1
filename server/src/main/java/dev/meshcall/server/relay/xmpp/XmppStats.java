package dev.meshcall.server.relay.xmpp;

import dev.meshcall.protocol.SignalType;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the XMPP bridge has done so far, counted without locks; read by metrics and tests. */
public final class XmppStats {
    private final Map<SignalType, LongAdder> sent = new EnumMap<>(SignalType.class);
    private final Map<SignalType, LongAdder> received = new EnumMap<>(SignalType.class);
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong buffered = new AtomicLong();

    XmppStats() {
        for (SignalType type : SignalType.values()) {
            sent.put(type, new LongAdder());
            received.put(type, new LongAdder());
        }
    }

    void sent(SignalType type) {
        sent.get(type).increment();
    }

    void received(SignalType type) {
        received.get(type).increment();
    }

    void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void reconnected() {
        reconnects.incrementAndGet();
    }

    void buffered() {
        buffered.incrementAndGet();
    }

    /** Signals of this type sent to the XMPP service. */
    public long sentCount(SignalType type) {
        return sent.get(type).sum();
    }

    /** Signals of this type received from the XMPP service and handed to pages. */
    public long receivedCount(SignalType type) {
        return received.get(type).sum();
    }

    /** Incoming stanzas dropped for this reason ({@code delayed}, {@code bad_request}, {@code wrong_from}, ...). */
    public long droppedCount(String reason) {
        LongAdder adder = dropped.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** Every drop reason seen so far with its count. */
    public Map<String, Long> dropped() {
        Map<String, Long> copy = new TreeMap<>();
        dropped.forEach((reason, adder) -> copy.put(reason, adder.sum()));
        return copy;
    }

    /** Logins again after a lost connection. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Signals that had to wait in a send buffer. */
    public long bufferedCount() {
        return buffered.get();
    }
}
