package dev.meshcall.server.relay;

/**
 * A signal the {@link SessionRegistry} admitted, to be settled once the relay has tried to deliver it. Only the first
 * {@code call} of a session needs it: the session is held while that call is handed over and registered only when it
 * was delivered, so calls to users who are not there cost the table nothing. For every other signal settling does
 * nothing.
 */
public final class SessionAdmission {
    /** A signal of a session that was already known: nothing to settle. */
    static final SessionAdmission OF_KNOWN_SESSION = new SessionAdmission(null, null, null);

    private final SessionRegistry registry;
    private final String sessionId;
    private final MeshSession started;

    SessionAdmission(SessionRegistry registry, String sessionId, MeshSession started) {
        this.registry = registry;
        this.sessionId = sessionId;
        this.started = started;
    }

    /** Whether this signal started its session. */
    public boolean startedSession() {
        return started != null;
    }

    /**
     * Settles the admission: a session this signal started is registered when {@code delivered}, else forgotten.
     * Call exactly once, also when delivering failed with an exception.
     */
    public void settle(boolean delivered) {
        if (started != null) {
            registry.settle(sessionId, started, delivered);
        }
    }
}
