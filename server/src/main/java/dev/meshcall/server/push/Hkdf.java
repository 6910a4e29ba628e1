package dev.meshcall.server.push;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869), on the JDK's {@code Mac}: {@link #extract} a pseudorandom key from input keying
 * material and a salt, {@link #expand} it into as many bytes as a key or nonce needs. Only wiring: HMAC is the JDK's.
 */
final class Hkdf {
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    /** {@code PRK = HMAC-Hash(salt, IKM)}. */
    static byte[] extract(byte[] salt, byte[] inputKeyingMaterial) {
        Mac mac = mac(salt.length == 0 ? new byte[HASH_BYTES] : salt);
        return mac.doFinal(inputKeyingMaterial);
    }

    /**
     * The first {@code length} bytes of {@code T(1) | T(2) | ...}, {@code T(i) = HMAC-Hash(PRK, T(i-1) | info | i)}.
     *
     * @throws IllegalArgumentException when {@code length} is not 1 to 255 hash lengths
     */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 expands to 1 to " + 255 * HASH_BYTES + " bytes, not "
                    + length);
        }
        Mac mac = mac(prk);
        byte[] out = new byte[length];
        byte[] previous = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(previous);
            mac.update(info);
            mac.update((byte) i);
            previous = mac.doFinal();
            int n = Math.min(previous.length, length - done);
            System.arraycopy(previous, 0, out, done, n);
            done += n;
        }
        return out;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("this JDK has no usable " + HMAC, e);
        }
    }
}
