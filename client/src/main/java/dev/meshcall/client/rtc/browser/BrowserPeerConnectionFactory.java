package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.PeerConnectionFactory;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import dev.meshcall.client.rtc.jso.RTCConfiguration;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;

/**
 * Makes {@link BrowserPeerConnection}s with the current ICE servers: the app's own ({@code videochat.iceServers}),
 * else those the MeshCall server hands out with {@code ready} (TURN credentials that expire, refreshed by the chat).
 */
public final class BrowserPeerConnectionFactory implements PeerConnectionFactory {
    private final Log log;
    private JSObject iceServers;

    public BrowserPeerConnectionFactory(Log log) {
        this.log = log;
    }

    /**
     * Sets the {@code RTCIceServer} list for new connections and for the next ICE restart of existing ones
     * ({@code null}: none, which is enough on a LAN).
     */
    public void setIceServers(JSObject servers) {
        this.iceServers = servers;
    }

    @Override
    public PeerConnection create(boolean relayOnly, PeerConnection.Events events) {
        return new BrowserPeerConnection(this, relayOnly, events, log);
    }

    /** The {@code RTCConfiguration} as it stands now. */
    RTCConfiguration configuration(boolean relayOnly) {
        RTCConfiguration configuration = RTCConfiguration.create();
        configuration.setIceTransportPolicy(relayOnly ? "relay" : "all");
        if (iceServers != null) {
            configuration.setIceServers(iceServers);
        }
        return configuration;
    }

    @Override
    public void stopLocalStream(Object localStream) {
        JSArrayReader<MediaStreamTrack> tracks = ((MediaStream) BrowserValue.unbox(localStream)).getTracks();
        for (int i = 0; i < tracks.getLength(); i++) {
            tracks.get(i).stop();
        }
    }
}
