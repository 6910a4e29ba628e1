package dev.meshcall.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals bytes into a URL-safe string only the holders of the key can open or forge: AES-256-GCM with a random
 * 96-bit nonce (<a href="https://nvlpubs.nist.gov/nistpubs/Legacy/SP/nistspecialpublication800-38d.pdf">NIST SP
 * 800-38D</a>), written as base64url of nonce, ciphertext and tag. The key is random per process, or derived from a
 * secret shared by several nodes (HMAC-SHA256 of a fixed label under the secret) so that what one node seals the
 * others can open.
 */
public final class TokenSeal {
    /** Shortest shared secret accepted: 32 characters, such as {@code openssl rand -base64 32}. */
    public static final int MIN_SECRET_CHARS = 32;
    /** What login tokens are sealed for; other purposes get other keys from the same secret. */
    private static final String TOKENS = "token";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final byte[] associatedData;
    private final SecureRandom random;

    private TokenSeal(byte[] key, String purpose, SecureRandom random) {
        this.key = new SecretKeySpec(key, "AES");
        this.associatedData = ("meshcall-" + purpose).getBytes(StandardCharsets.US_ASCII);
        this.random = random;
    }

    /** A seal with a fresh random key: what it seals opens only in this process. */
    public static TokenSeal random() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new TokenSeal(key, TOKENS, random);
    }

    /**
     * A seal of login tokens every node given the same secret shares.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_CHARS}
     */
    public static TokenSeal shared(String secret) {
        return shared(secret, TOKENS);
    }

    /**
     * A seal every node given the same secret shares, for {@code purpose} (letters and spaces): its key is derived
     * from the label {@code "meshcall PURPOSE key v1"}, so that what is sealed for one purpose never opens as
     * another's ({@code "token"} is the login tokens').
     *
     * @throws IllegalArgumentException when the secret is shorter than {@link #MIN_SECRET_CHARS}
     */
    public static TokenSeal shared(String secret, String purpose) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException("the token secret must be at least " + MIN_SECRET_CHARS
                    + " characters (for example from: openssl rand -base64 32)");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] label = ("meshcall " + purpose + " key v1").getBytes(StandardCharsets.US_ASCII);
            return new TokenSeal(mac.doFinal(label), purpose, new SecureRandom());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks HmacSHA256", e);
        }
    }

    /** Seals {@code plain}; the result is base64url without padding. */
    public String seal(byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks AES/GCM", e);
        }
    }

    /** The bytes sealed in {@code token} by this key, or empty when it is not such a string or was altered. */
    public Optional<byte[]> open(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return Optional.of(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks AES/GCM", e);
        }
    }
}
