package dev.meshcall.server.http;

import dev.meshcall.protocol.CallRejectRequest;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.server.auth.TokenService;

/**
 * What {@code POST /api/calls/reject} needs of the signaling side: send a {@code reject} for a signed-in user whose
 * page has no session object for a call that rings (the seed's {@code videochat.callRejectRequest}, for a call
 * learned from a push notification). The WebSocket layer implements it ({@code ws.RejectOnBehalf}), since the signal
 * must pass the same checks and budgets as one from the user's socket; the REST API only reads the body and maps the
 * refusals to statuses ({@link ApiException#of}).
 */
@FunctionalInterface
public interface CallRejecter {

    /**
     * Sends {@code caller}'s {@code reject} to {@code request.recipientId()} in {@code request.sessionId()}. May
     * block (in XMPP mode it signs the user in to the service): call it from a worker thread.
     *
     * @throws ProtocolException naming the cause, with the code a WebSocket signal would get
     */
    void reject(TokenService.Grant caller, CallRejectRequest request);
}
