package dev.meshcall.server.relay.xmpp;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-outs on this node that still have to be written to their users' accounts ({@link RevokedTokens}) for the
 * other nodes to see. Written at once when the service takes them, else again on every call of {@link #writeAll}
 * (the watchdog's round) until written, or until the token would have expired anyway.
 */
final class PendingRevocations {
    private static final Logger LOG = LoggerFactory.getLogger(PendingRevocations.class);

    /** One revocation to write; {@code password} lets the node log in for it when the user has no session here. */
    record Pending(int userId, String password, String tokenId, Instant expires) {
        @Override
        public String toString() {
            return "Pending[userId=" + userId + ", tokenId=" + tokenId + "]";
        }
    }

    /** Writes one revocation to the user's account; blocking. */
    @FunctionalInterface
    interface Writer {
        void write(Pending pending) throws XmppStorageException, XmppLoginException;
    }

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final Writer writer;

    PendingRevocations(Writer writer) {
        this.writer = writer;
    }

    void add(Pending revocation) {
        pending.put(revocation.tokenId(), revocation);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes what waits; blocking. A call while another thread is writing returns at once. */
    void writeAll() {
        if (!writing.compareAndSet(false, true)) {
            return;  // another thread is at it; the next round comes back for what it misses
        }
        try {
            for (Pending revocation : pending.values()) {
                if (!Instant.now().isBefore(revocation.expires())) {
                    pending.remove(revocation.tokenId(), revocation);
                    continue;
                }
                try {
                    writer.write(revocation);
                    pending.remove(revocation.tokenId(), revocation);
                    LOG.info("user {}: token {} revoked for every node", revocation.userId(), revocation.tokenId());
                } catch (XmppStorageException | XmppLoginException e) {
                    LOG.warn("user {}: token {} is revoked on this node only for now: {}; retrying",
                            revocation.userId(), revocation.tokenId(), e.getMessage());
                }
            }
        } finally {
            writing.set(false);
        }
    }
}
