package dev.meshcall.server.relay.xmpp;

import java.io.IOException;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * How this node's Smack connections to the XMPP service are made, the users' sessions and the short-lived ones
 * (sign-up, writes for a user without a session here) alike: {@code TCP_NODELAY} (with Nagle each hop costs ~40 ms:
 * docs/xmpp.md, "A minimal Prosody"), no initial presence (a user is available only while a page is open), no stream
 * compression, no stream management (<a href="https://xmpp.org/extensions/xep-0198.html">XEP-0198</a>; measured
 * through Prosody: ~3.75k messages/s without it, ~2.75k with an ack per message, and our own buffer holds what
 * waits), and the login timeout as the reply timeout.
 */
final class XmppConnections {

    private XmppConnections() {
    }

    /**
     * A new, unconnected connection to the service; without credentials ({@code user} {@code null}) for in-band
     * registration.
     */
    static XMPPTCPConnection create(XmppSettings settings, String user, String password, String resource) {
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(settings.domain())
                    .setHost(settings.host())
                    .setPort(settings.port())
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
