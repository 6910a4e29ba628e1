package dev.meshcall.server.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a push message for one subscription as RFC 8291 (Message Encryption for Web Push) says, in the
 * {@code aes128gcm} content coding of RFC 8188: a fresh P-256 key pair and salt per message, ECDH with the
 * subscription's {@code p256dh} key, HKDF-SHA256 keyed by its {@code auth} secret, one AES-128-GCM record. The body is
 * {@code salt(16) | rs(4) = 4096 | idlen(1) = 65 | keyid = the message's public key (65) | ciphertext}; the plaintext
 * is followed by the last-record delimiter {@code 0x02} and no padding.
 */
final class PushEncryption {
    /** The record size: the whole body is one record, and push services need accept only 4096-byte bodies. */
    static final int RECORD_SIZE = 4096;
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 16;
    private static final int HEADER_BYTES = SALT_BYTES + 4 + 1 + P256.PUBLIC_KEY_BYTES;
    /** The most plaintext that fits: 4096 less the header, the tag and the delimiter (3993). */
    static final int MAX_PLAINTEXT_BYTES = RECORD_SIZE - HEADER_BYTES - TAG_BYTES - 1;
    /** The length of a subscription's {@code auth} secret. */
    static final int AUTH_SECRET_BYTES = 16;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random = new SecureRandom();

    /**
     * The body of a push message carrying {@code plaintext} to the browser that holds the private key of
     * {@code p256dh} and the secret {@code auth}.
     *
     * @throws IllegalArgumentException when the plaintext is longer than {@value #MAX_PLAINTEXT_BYTES} bytes or a key
     *     is malformed
     */
    byte[] encrypt(byte[] p256dh, byte[] auth, byte[] plaintext) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encrypt(p256dh, auth, plaintext, P256.generate(), salt);
    }

    /**
     * {@link #encrypt(byte[], byte[], byte[])} with the message's key pair and salt given: only for the RFC's test
     * vector, since reusing either would break the encryption.
     */
    static byte[] encrypt(byte[] p256dh, byte[] auth, byte[] plaintext, KeyPair ephemeral, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT_BYTES) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT_BYTES
                    + " bytes, not " + plaintext.length);
        }
        if (auth.length != AUTH_SECRET_BYTES) {
            throw new IllegalArgumentException("the auth secret must be 16 bytes, not " + auth.length);
        }
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("the salt must be 16 bytes, not " + salt.length);
        }
        ECPublicKey receiver = P256.publicKey(p256dh);
        byte[] senderPublic = P256.encode((ECPublicKey) ephemeral.getPublic());
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ephemeral.getPrivate());
            agreement.doPhase(receiver, true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] keyInfo = ByteBuffer.allocate(KEY_INFO.length + 2 * P256.PUBLIC_KEY_BYTES).put(KEY_INFO)
                    .put(p256dh).put(senderPublic).array();
            byte[] ikm = Hkdf.expand(Hkdf.extract(auth, ecdhSecret), keyInfo, 32);
            byte[] prk = Hkdf.extract(salt, ikm);
            byte[] cek = Hkdf.expand(prk, CEK_INFO, 16);
            byte[] nonce = Hkdf.expand(prk, NONCE_INFO, 12);

            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
            byte[] record = new byte[plaintext.length + 1];
            System.arraycopy(plaintext, 0, record, 0, plaintext.length);
            record[plaintext.length] = 2;
            byte[] ciphertext = cipher.doFinal(record);

            return ByteBuffer.allocate(HEADER_BYTES + ciphertext.length).put(salt).putInt(RECORD_SIZE)
                    .put((byte) P256.PUBLIC_KEY_BYTES).put(senderPublic).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a push message: " + e.getMessage(), e);
        }
    }
}
