package dev.meshcall.client.rtc;

/**
 * Makes peer connections: the browser's {@code RTCPeerConnection} in the page, a fake in JVM tests.
 */
public interface PeerConnectionFactory {

    /**
     * Creates a peer connection that sends nothing yet: {@link PeerConnection#reserveSenders} and
     * {@link PeerConnection#addLocalStream} give it the media to send.
     *
     * @param relayOnly   whether to use relay (TURN) candidates only ({@code iceTransportPolicy: "relay"})
     * @param events      where the connection reports
     */
    PeerConnection create(boolean relayOnly, PeerConnection.Events events);

    /**
     * Stops every track of {@code localStream}: the session that sent it is over, so the camera and microphone are
     * released (a stopped track cannot be started again).
     */
    void stopLocalStream(Object localStream);
}
