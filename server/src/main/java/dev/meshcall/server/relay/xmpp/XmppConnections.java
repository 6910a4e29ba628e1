package dev.meshcall.server.relay.xmpp;

import java.io.IOException;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * How this node's Smack connections to the XMPP service are made, the users' sessions and the short-lived ones
 * (sign-up, writes for a user without a session here) alike: {@code TCP_NODELAY} (with Nagle each hop costs ~40 ms:
 * docs/xmpp.md, "A minimal Prosody"), no initial presence (a user is available only while a page is open), no stream
 * compression, no stream management (<a href="https://xmpp.org/extensions/xep-0198.html">XEP-0198</a>; measured
 * through Prosody: ~3.75k messages/s without it, ~2.75k with an ack per message, and our own buffer holds what
 * waits), and the login timeout as the reply timeout. Each connection goes to one host of the service; {@link
 * #connect} tries them in {@link XmppHosts}' order.
 */
final class XmppConnections {

    private XmppConnections() {
    }

    /**
     * A connection to the first of {@code hosts} that takes one (connected, not logged in); without credentials
     * ({@code user} {@code null}) for in-band registration. The host that took it is tried first from then on.
     *
     * @throws IOException, SmackException or XMPPException: the last host's failure, when none took it
     */
    static XMPPTCPConnection connect(XmppSettings settings, XmppHosts hosts, String user, String password,
            String resource) throws IOException, SmackException, XMPPException, InterruptedException {
        Exception failure = null;
        for (XmppHost host : hosts.inOrder()) {
            XMPPTCPConnection connection = create(settings, host, user, password, resource);
            try {
                connection.connect();
                hosts.worked(host);
                return connection;
            } catch (IOException | SmackException | XMPPException e) {
                connection.instantShutdown();
                failure = e;
            }
        }
        throw rethrown(failure);
    }

    /**
     * The failure of the last host tried, as the checked exception it is ({@code connect} throws only these three),
     * for the caller to throw.
     */
    static XMPPException rethrown(Exception failure) throws IOException, SmackException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof SmackException e) {
            throw e;
        }
        return (XMPPException) failure;
    }

    /**
     * A new, unconnected connection to {@code host}; without credentials ({@code user} {@code null}) for in-band
     * registration.
     */
    static XMPPTCPConnection create(XmppSettings settings, XmppHost host, String user, String password,
            String resource) {
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(settings.domain())
                    .setHost(host.host())
                    .setPort(host.port())
                    .setResource(resource)
                    .setSecurityMode(securityMode(settings.tls()))
                    .setSocketFactory(new NoDelaySocketFactory())
                    .setConnectTimeout((int) settings.loginTimeout().toMillis())
                    .setSendPresence(false)
                    .setCompressionEnabled(false);
            if (user != null) {
                builder.setUsernameAndPassword(user, password);
            }
            XMPPTCPConnection connection = new XMPPTCPConnection(builder.build());
            connection.setUseStreamManagement(false);
            connection.setReplyTimeout(settings.loginTimeout().toMillis());
            return connection;
        } catch (IOException e) {
            throw new IllegalArgumentException("bad XMPP settings " + settings + ": " + e.getMessage(), e);
        }
    }

    private static ConnectionConfiguration.SecurityMode securityMode(XmppSettings.Tls tls) {
        switch (tls) {
            case DISABLED:
                return ConnectionConfiguration.SecurityMode.disabled;
            case IF_POSSIBLE:
                return ConnectionConfiguration.SecurityMode.ifpossible;
            default:
                return ConnectionConfiguration.SecurityMode.required;
        }
    }

}
