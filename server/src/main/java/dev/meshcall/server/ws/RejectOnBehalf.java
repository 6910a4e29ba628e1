package dev.meshcall.server.ws;

import dev.meshcall.protocol.CallRejectRequest;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import dev.meshcall.server.auth.SocketAuth;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.http.CallRejecter;
import dev.meshcall.server.relay.Endpoint;
import dev.meshcall.server.relay.SessionRegistry;

/**
 * The {@code reject} of {@code POST /api/calls/reject} ({@code docs/protocol.md}, "REST"), sent exactly as the
 * user's own socket would send it, so that the endpoint can do nothing a socket cannot:
 * <ol>
 *   <li>the signal's fields come from the session's {@code call} as this node saw it
 *       ({@link SessionRegistry#rejectBy}): only a callee of a session this node knows gets one;</li>
 *   <li>the user is signed in to the relay as a socket is ({@link SocketAuthenticator}): in XMPP mode that is the
 *       user's connection to the service on this node, which the stanza must leave from, and the check that the
 *       token was not revoked on another node;</li>
 *   <li>{@link SignalRouter} checks and relays it as any socket's signal: the recipient is a member, the budgets of
 *       the recipient and of the pair are charged, an offline recipient is {@code unavailable}, and the user's own
 *       pages get the copy that stops them ringing.</li>
 * </ol>
 * Blocks (the XMPP sign-in): call it from a worker thread.
 */
public final class RejectOnBehalf implements CallRejecter {
    private final SessionRegistry sessions;
    private final SignalRouter router;
    private final SocketAuthenticator authenticator;

    /**
     * @param router        the node's own router, so that these signals share its budgets with the sockets'
     * @param authenticator how the node's sockets are signed in
     */
    public RejectOnBehalf(SessionRegistry sessions, SignalRouter router, SocketAuthenticator authenticator) {
        this.sessions = sessions;
        this.router = router;
        this.authenticator = authenticator;
    }

    /**
     * @throws ProtocolException {@code forbidden} by {@link SessionRegistry#rejectBy} or the session's membership;
     *     {@code unauthorized} or {@code unavailable} when the user cannot be signed in as a socket would be; and
     *     the refusals of {@link SignalRouter#route}
     */
    @Override
    public void reject(TokenService.Grant caller, CallRejectRequest request) {
        int userId = caller.userId();
        Signal reject = sessions.rejectBy(userId, request.sessionId(), request.platform()).toBuilder()
                .userInfo(request.userInfo()).build();
        signIn(caller);
        int size = FrameCodec.encode(Frame.signalTo(request.recipientId(), reject, null)).length();
        router.route(new NoPage(userId), request.recipientId(), reject, size);
    }

    private void signIn(TokenService.Grant caller) {
        SocketAuth auth = authenticator.authenticate(caller.token(), Runnable::run).toCompletableFuture().join();
        if (!auth.accepted()) {
            ErrorCode code = auth.closeCode() == SocketAuth.TRY_AGAIN_LATER ? ErrorCode.UNAVAILABLE
                    : ErrorCode.UNAUTHORIZED;
            throw new ProtocolException(code, null, auth.reason());
        }
    }

    /**
     * The sender's side of the signal: no page. The relay hands the user's own pages their copy of the
     * {@code reject} ({@code Relay.deliver}: all but the origin, and this origin is none of them) and never writes to
     * the origin itself; anything that did would be dropped.
     */
    private record NoPage(int userId) implements Endpoint {
        @Override
        public void send(Frame frame) {
            // no page to write to
        }
    }
}
