package dev.meshcall.server.relay.xmpp;

import java.util.ArrayList;
import java.util.List;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A real XMPP service a test or benchmark starts on loopback: one {@link Prosody}, or the members of an
 * {@link EjabberdCluster}. Its hosts are where clients connect (one for Prosody, a member each for a cluster), so a
 * benchmark can run the same load over either and put nodes and raw clients on different hosts.
 */
public interface XmppService extends AutoCloseable {

    /** The XMPP domain of the users' JIDs. */
    String domain();

    /** How many hosts take client connections: 1, or the cluster's members. */
    int hostCount();

    /** Host {@code index}'s client listener. */
    XmppHost host(int index);

    /** Creates an account. */
    void register(String user, String password);

    /** The service's processes (for a benchmark's CPU accounting). */
    long[] pids();

    @Override
    void close();

    /**
     * The value of a node's {@code --xmpp-host}: every host, {@code first} first, then the others in order (as a node
     * of a cluster is given its own member first).
     */
    default String hostList(int first) {
        List<String> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount(); i++) {
            hosts.add(host((first + i) % hostCount()).toString());
        }
        return String.join(",", hosts);
    }

    /**
     * A plain Smack client's configuration for host {@code index}, as account {@code localpart} (no MeshCall in
     * between: the seed's other XMPP clients, raw baselines); no TLS (tests only), {@code TCP_NODELAY}. Add to it,
     * build, connect.
     */
    default XMPPTCPConnectionConfiguration.Builder client(int index, String localpart, String password,
            String resource) {
        XmppHost host = host(index);
        try {
            return XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(domain()).setHost(host.host()).setPort(host.port())
                    .setUsernameAndPassword(localpart, password).setResource(resource)
                    .setSocketFactory(new NoDelaySocketFactory())
                    .setSecurityMode(ConnectionConfiguration.SecurityMode.disabled);
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("bad XMPP address part: " + e.getMessage(), e);
        }
    }
}
