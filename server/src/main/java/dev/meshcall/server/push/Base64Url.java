package dev.meshcall.server.push;

import java.util.Base64;

/**
 * base64url without padding (RFC 4648 section 5), the form of every key, salt and token in Web Push: what
 * {@code PushSubscription.toJSON()} gives and what {@code pushManager.subscribe} takes as
 * {@code applicationServerKey}.
 */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * The bytes of a base64url text, padded or not.
     *
     * @throws IllegalArgumentException when it is not base64url (the standard alphabet's {@code +} and {@code /}
     *     included)
     */
    static byte[] decode(String text) {
        return DECODER.decode(text);
    }
}
