package dev.meshcall.server.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * The server's VAPID key pair (RFC 8292): browsers subscribe with its public key as {@code applicationServerKey},
 * and push services accept only messages whose token it signed. In the forms the common web-push tools print: the
 * 65-byte uncompressed public point and the 32-byte private scalar, base64url. The private key never appears in
 * {@link #toString()}; never log it or send it anywhere.
 */
public final class VapidKeys {
    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final String publicKeyText;

    private VapidKeys(ECPublicKey publicKey, ECPrivateKey privateKey) {
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKeyText = Base64Url.encode(P256.encode(publicKey));
    }

    /** A new random pair. */
    public static VapidKeys generate() {
        KeyPair pair = P256.generate();
        return new VapidKeys((ECPublicKey) pair.getPublic(), (ECPrivateKey) pair.getPrivate());
    }

    /**
     * The pair of the given base64url texts.
     *
     * @throws IllegalArgumentException naming which key is malformed, or saying that they are not one pair (never
     *     quoting the private key)
     */
    public static VapidKeys of(String publicKey, String privateKey) {
        ECPublicKey pub;
        ECPrivateKey priv;
        try {
            pub = P256.publicKey(Base64Url.decode(publicKey.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the VAPID public key must be a base64url P-256 point of 65 bytes: "
                    + e.getMessage());
        }
        try {
            priv = P256.privateKey(Base64Url.decode(privateKey.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the VAPID private key must be a base64url P-256 scalar of 32 bytes");
        }
        VapidKeys keys = new VapidKeys(pub, priv);
        if (!keys.matches()) {
            throw new IllegalArgumentException("the VAPID private key does not belong to the public key "
                    + keys.publicKeyText);
        }
        return keys;
    }

    /** The public key as browsers take it ({@code applicationServerKey}, the {@code k=} of the header). */
    public String publicKeyText() {
        return publicKeyText;
    }

    /** The private scalar, base64url: only for the key file. */
    String privateKeyText() {
        return Base64Url.encode(P256.encode(privateKey));
    }

    /** An ES256 signature of {@code data}: raw {@code r | s}, 64 bytes (RFC 7518 section 3.4). */
    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the VAPID key: " + e.getMessage(), e);
        }
    }

    /** Whether the private key signs what the public key verifies: the JDK has no public point multiplication. */
    private boolean matches() {
        byte[] probe = "meshcall vapid key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(sign(probe));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "VapidKeys[public=" + publicKeyText + "]";
    }
}
