package dev.meshcall.client.rtc;

/**
 * Makes peer connections: the browser's {@code RTCPeerConnection} in the page, a fake in JVM tests.
 */
public interface PeerConnectionFactory {

    /**
     * Creates a peer connection that sends the tracks of {@code localStream} (may be {@code null}: receive only).
     *
     * @param localStream the local media, opaque to the call logic
     * @param relayOnly   whether to use relay (TURN) candidates only ({@code iceTransportPolicy: "relay"})
     * @param events      where the connection reports
     */
    PeerConnection create(Object localStream, boolean relayOnly, PeerConnection.Events events);

    /**
     * Stops every track of {@code localStream}: the session that sent it is over, so the camera and microphone are
     * released (a stopped track cannot be started again).
     */
    void stopLocalStream(Object localStream);
}
