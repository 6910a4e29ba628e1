package dev.meshcall.server.relay.xmpp;

import dev.meshcall.server.auth.SocketAuth;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.auth.TokenService;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts a WebSocket in XMPP mode. The token carries the user's XMPP password sealed with the nodes' shared key,
 * so any node can take the socket: it logs the user in to the service (or reuses the session it has), then asks the
 * user's account whether the token was revoked on some node, and only then answers {@code ready}. A password the
 * service no longer takes closes the socket with 1008 (sign in again); a service that cannot be reached closes it
 * with 1013, and the SDK tries again.
 */
public final class XmppSocketAuthenticator implements SocketAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(XmppSocketAuthenticator.class);

    private final XmppRelay relay;
    private final TokenService tokens;

    public XmppSocketAuthenticator(XmppRelay relay, TokenService tokens) {
        this.relay = relay;
        this.tokens = tokens;
    }

    @Override
    public CompletionStage<SocketAuth> authenticate(String token, Executor worker) {
        Optional<TokenService.Grant> grant = tokens.grant(token);
        if (grant.isEmpty()) {
            return CompletableFuture.completedFuture(SocketAuth.badToken());
        }
        return CompletableFuture.supplyAsync(() -> signIn(grant.get()), worker);
    }

    private SocketAuth signIn(TokenService.Grant grant) {
        int userId = grant.userId();
        try {
            relay.login(userId, grant.secret());
            if (relay.isRevoked(userId, grant.id())) {
                tokens.revokeHere(grant);
                LOG.info("user {}: refused token {}, revoked on another node", userId, grant.id());
                return SocketAuth.badToken();
            }
            return SocketAuth.user(userId);
        } catch (XmppLoginException e) {
            if (e.reason() == XmppLoginException.Reason.WRONG_PASSWORD) {
                return SocketAuth.refused(SocketAuth.POLICY_VIOLATION,
                        "auth failed: the XMPP service no longer accepts this sign-in; sign in again");
            }
            LOG.info("user {}: cannot take a WebSocket now: {}", userId, e.getMessage());
            return SocketAuth.refused(SocketAuth.TRY_AGAIN_LATER, "the XMPP service cannot be reached; try again");
        } catch (XmppStorageException e) {
            LOG.info("user {}: cannot check token {} now: {}", userId, grant.id(), e.getMessage());
            return SocketAuth.refused(SocketAuth.TRY_AGAIN_LATER, "the XMPP service cannot be reached; try again");
        }
    }
}
