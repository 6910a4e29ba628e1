package dev.meshcall.e2e.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A TURN client over UDP, just enough to ask a TURN server for a relay as a browser does
 * (<a href="https://www.rfc-editor.org/rfc/rfc5766#section-6">RFC 5766, section 6</a>): an Allocate without
 * credentials, which the server answers 401 with its REALM and a NONCE, then the same Allocate with USERNAME, REALM,
 * NONCE and MESSAGE-INTEGRITY keyed with the long-term credential (RFC 5389, section 10.2). Each request gets one
 * datagram: on loopback nothing is lost, and a server that does not answer within the timeout (a paused one) is
 * what a caller wants to see.
 */
public final class TurnClient implements AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Duration timeout;

    /** A client on an ephemeral port of 127.0.0.1, for the TURN server at {@code server}. */
    public TurnClient(InetSocketAddress server, Duration timeout) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket on 127.0.0.1", e);
        }
        this.server = server;
        this.timeout = timeout;
    }

    /** An Allocate for a UDP relay without credentials; a TURN server answers 401 with REALM and NONCE. */
    public Optional<StunMessage> allocateWithoutCredentials() {
        return exchange(allocateRequest(), null);
    }

    /**
     * Allocates a UDP relay with a long-term credential: the unauthenticated Allocate for the realm and nonce, then
     * the signed one. The answer is the server's last response: ALLOCATE_SUCCESS with XOR-RELAYED-ADDRESS, or
     * ALLOCATE_ERROR with its ERROR-CODE (401 for a credential it refuses).
     *
     * @throws AssertionError when the server does not answer the first request with 401, REALM and NONCE
     */
    public Optional<StunMessage> allocate(String username, String password) {
        Optional<StunMessage> challenge = allocateWithoutCredentials();
        if (challenge.isEmpty()) {
            return challenge;
        }
        StunMessage first = challenge.get();
        String realm = first.text(StunMessage.REALM);
        String nonce = first.text(StunMessage.NONCE);
        if (first.errorCode() != 401 || realm == null || nonce == null) {
            throw new AssertionError("the first Allocate should get 401 with REALM and NONCE, not " + first);
        }
        StunMessage signed = allocateRequest().with(StunMessage.USERNAME, username)
                .with(StunMessage.REALM, realm).with(StunMessage.NONCE, nonce);
        return exchange(signed, StunMessage.longTermKey(username, realm, password));
    }

    private static StunMessage allocateRequest() {
        return StunMessage.request(StunMessage.ALLOCATE_REQUEST)
                .with(StunMessage.REQUESTED_TRANSPORT, StunMessage.udpTransport());
    }

    /** Sends a request and waits for the response with its transaction id; empty when none came in time. */
    private Optional<StunMessage> exchange(StunMessage request, byte[] key) {
        byte[] bytes = request.encode(key);
        byte[] buffer = new byte[2048];
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, server));
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                StunMessage response = StunMessage.decode(packet.getData(), packet.getLength());
                if (Arrays.equals(response.transactionId(), request.transactionId())) {
                    return Optional.of(response);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("TURN exchange with " + server + " failed", e);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
