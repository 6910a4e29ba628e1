package dev.meshcall.e2e.turn;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One STUN message (<a href="https://www.rfc-editor.org/rfc/rfc5389#section-6">RFC 5389, section 6</a>): a 20-byte
 * header (type, length, the magic cookie, a 96-bit transaction id) and type-length-value attributes padded to four
 * bytes. Just enough of it for a TURN Allocate (<a href="https://www.rfc-editor.org/rfc/rfc5766">RFC 5766</a>) in
 * tests: the attributes are kept as raw bytes by type, MESSAGE-INTEGRITY is added on encoding when a key is given.
 */
public final class StunMessage {
    /** Allocate request, success and error responses (RFC 5766, section 13: method 0x003). */
    public static final int ALLOCATE_REQUEST = 0x0003;
    public static final int ALLOCATE_SUCCESS = 0x0103;
    public static final int ALLOCATE_ERROR = 0x0113;

    /** Attribute types of RFC 5389 (section 18.2) and RFC 5766 (section 14). */
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int LIFETIME = 0x000D;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int XOR_RELAYED_ADDRESS = 0x0016;
    public static final int REQUESTED_TRANSPORT = 0x0019;

    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int HEADER_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int type;
    private final byte[] transactionId;
    private final Map<Integer, byte[]> attributes = new LinkedHashMap<>();

    private StunMessage(int type, byte[] transactionId) {
        this.type = type;
        this.transactionId = transactionId;
    }

    /** A new request of {@code type} with a random transaction id. */
    public static StunMessage request(int type) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        return new StunMessage(type, id);
    }

    public int type() {
        return type;
    }

    public byte[] transactionId() {
        return transactionId.clone();
    }

    /** Adds an attribute (the last one of a type wins). */
    public StunMessage with(int attribute, byte[] value) {
        attributes.put(attribute, value.clone());
        return this;
    }

    /** Adds a UTF-8 text attribute (USERNAME, REALM, NONCE). */
    public StunMessage with(int attribute, String value) {
        return with(attribute, value.getBytes(StandardCharsets.UTF_8));
    }

    /** An attribute's value, or {@code null}. */
    public byte[] attribute(int attribute) {
        byte[] value = attributes.get(attribute);
        return value == null ? null : value.clone();
    }

    /** A text attribute's value, or {@code null}. */
    public String text(int attribute) {
        byte[] value = attributes.get(attribute);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The ERROR-CODE's number (class × 100 + number, such as 401), or 0 without one (RFC 5389, 15.6). */
    public int errorCode() {
        byte[] value = attributes.get(ERROR_CODE);
        return value == null ? 0 : (value[2] & 0x07) * 100 + (value[3] & 0xFF);
    }

    /** The ERROR-CODE's reason phrase, or {@code null}. */
    public String errorReason() {
        byte[] value = attributes.get(ERROR_CODE);
        return value == null ? null : new String(value, 4, value.length - 4, StandardCharsets.UTF_8);
    }

    /** The XOR-RELAYED-ADDRESS, decoded (RFC 5766, 14.5, in the form of RFC 5389, 15.2), or {@code null}. */
    public InetSocketAddress relayedAddress() {
        byte[] value = attributes.get(XOR_RELAYED_ADDRESS);
        if (value == null) {
            return null;
        }
        int port = ((value[2] & 0xFF) << 8 | (value[3] & 0xFF)) ^ (MAGIC_COOKIE >>> 16);
        byte[] cookie = ByteBuffer.allocate(4).putInt(MAGIC_COOKIE).array();
        byte[] address = new byte[value[1] == 0x01 ? 4 : 16];
        for (int i = 0; i < address.length; i++) {
            byte mask = i < 4 ? cookie[i] : transactionId[i - 4];
            address[i] = (byte) (value[4 + i] ^ mask);
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The message's bytes; with a {@code key}, ends with MESSAGE-INTEGRITY: HMAC-SHA1 over the message up to that
     * attribute, with the header's length already counting it (RFC 5389, section 15.4).
     *
     * @param key the long-term credential key ({@link #longTermKey}), or {@code null} for none
     */
    public byte[] encode(byte[] key) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<Integer, byte[]> attribute : attributes.entrySet()) {
            writeAttribute(body, attribute.getKey(), attribute.getValue());
        }
        if (key == null) {
            return withHeader(body.toByteArray(), body.size());
        }
        byte[] signed = withHeader(body.toByteArray(), body.size() + 24);
        writeAttribute(body, MESSAGE_INTEGRITY, hmacSha1(key, signed));
        return withHeader(body.toByteArray(), body.size());
    }

    /**
     * Parses a message.
     *
     * @throws IllegalArgumentException when the bytes are not a STUN message
     */
    public static StunMessage decode(byte[] data, int length) {
        ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
        if (length < HEADER_BYTES) {
            throw new IllegalArgumentException("a STUN message has at least 20 bytes, not " + length);
        }
        int type = buffer.getShort() & 0xFFFF;
        int bodyLength = buffer.getShort() & 0xFFFF;
        if (buffer.getInt() != MAGIC_COOKIE || bodyLength + HEADER_BYTES != length) {
            throw new IllegalArgumentException("not a STUN message (cookie or length wrong)");
        }
        byte[] id = new byte[12];
        buffer.get(id);
        StunMessage message = new StunMessage(type, id);
        while (buffer.remaining() >= 4) {
            int attribute = buffer.getShort() & 0xFFFF;
            int size = buffer.getShort() & 0xFFFF;
            byte[] value = new byte[size];
            buffer.get(value);
            buffer.position(buffer.position() + (4 - size % 4) % 4);
            message.attributes.putIfAbsent(attribute, value);
        }
        return message;
    }

    /** The long-term credential key: MD5(username ":" realm ":" password) (RFC 5389, section 15.4). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** REQUESTED-TRANSPORT for UDP: protocol 17 and three reserved bytes (RFC 5766, section 14.7). */
    public static byte[] udpTransport() {
        return new byte[] {17, 0, 0, 0};
    }

    private byte[] withHeader(byte[] body, int declaredLength) {
        ByteBuffer buffer = ByteBuffer.allocate(HEADER_BYTES + body.length);
        buffer.putShort((short) type).putShort((short) declaredLength).putInt(MAGIC_COOKIE).put(transactionId)
                .put(body);
        return buffer.array();
    }

    private static void writeAttribute(ByteArrayOutputStream out, int attribute, byte[] value) {
        out.write(attribute >> 8);
        out.write(attribute);
        out.write(value.length >> 8);
        out.write(value.length);
        out.writeBytes(value);
        out.writeBytes(new byte[(4 - value.length % 4) % 4]);
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return String.format("StunMessage[type=0x%04x, attributes=%s, error=%d %s]", type,
                Arrays.toString(attributes.keySet().toArray()), errorCode(),
                errorReason() == null ? "" : errorReason());
    }
}
