package dev.meshcall.server.turn;

import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What a node hands each signed-in user to reach the others through NATs: the configured STUN servers as they are,
 * and the TURN servers with a credential minted for that user ({@link TurnCredentialIssuer}). The secret stays here;
 * a browser sees only the usernames and passwords derived from it.
 */
public final class IceServers {
    private final TurnSettings settings;
    private final TurnCredentialIssuer issuer;

    public IceServers(TurnSettings settings, Clock clock) {
        this.settings = settings;
        this.issuer = settings.turnUrls().isEmpty() ? null
                : new TurnCredentialIssuer(settings.secret(), settings.ttl(), clock);
    }

    /** The servers for the user: STUN first, then TURN with a fresh credential; none when none are configured. */
    public IceServerList forUser(int userId) {
        List<IceServer> servers = new ArrayList<>();
        if (!settings.stunUrls().isEmpty()) {
            servers.add(IceServer.of(settings.stunUrls()));
        }
        if (issuer == null) {
            return new IceServerList(servers, null);
        }
        TurnCredential credential = issuer.issue(userId);
        servers.add(new IceServer(settings.turnUrls(), credential.username(), credential.credential()));
        return new IceServerList(servers, (int) issuer.ttl().getSeconds());
    }

    /** The {@code ready} frame for the user: its servers, or the plain {@code {"op":"ready","userId":U}} without. */
    public Frame readyFrame(int userId) {
        IceServerList list = forUser(userId);
        return Frame.ready(userId, list.servers(), list.ttl());
    }

    /** The configuration, without the secret. */
    @Override
    public String toString() {
        return "IceServers[" + settings + "]";
    }
}
