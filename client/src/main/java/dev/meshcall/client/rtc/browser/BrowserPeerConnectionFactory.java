package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.BrowserValue;
import dev.meshcall.client.Log;
import dev.meshcall.client.rtc.PeerConnection;
import dev.meshcall.client.rtc.PeerConnectionFactory;
import dev.meshcall.client.rtc.jso.MediaStream;
import dev.meshcall.client.rtc.jso.MediaStreamTrack;
import dev.meshcall.client.rtc.jso.RTCConfiguration;
import dev.meshcall.client.rtc.jso.RTCPeerConnection;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArrayReader;

/** Makes {@link BrowserPeerConnection}s with the ICE servers the server hands out. */
public final class BrowserPeerConnectionFactory implements PeerConnectionFactory {
    private final Log log;
    private JSObject iceServers;

    public BrowserPeerConnectionFactory(Log log) {
        this.log = log;
    }

    /** Sets the {@code RTCIceServer} list for new connections ({@code null}: the browser's default, none). */
    public void setIceServers(JSObject servers) {
        this.iceServers = servers;
    }

    @Override
    public PeerConnection create(Object localStream, boolean relayOnly, PeerConnection.Events events) {
        RTCConfiguration configuration = RTCConfiguration.create();
        configuration.setIceTransportPolicy(relayOnly ? "relay" : "all");
        if (iceServers != null) {
            configuration.setIceServers(iceServers);
        }
        return new BrowserPeerConnection(new RTCPeerConnection(configuration), localStream, events, log);
    }

    @Override
    public void stopLocalStream(Object localStream) {
        JSArrayReader<MediaStreamTrack> tracks = ((MediaStream) BrowserValue.unbox(localStream)).getTracks();
        for (int i = 0; i < tracks.getLength(); i++) {
            tracks.get(i).stop();
        }
    }
}
