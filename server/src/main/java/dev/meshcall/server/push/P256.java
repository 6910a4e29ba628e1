package dev.meshcall.server.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EllipticCurve;
import java.util.Arrays;

/**
 * The NIST P-256 curve (secp256r1) of Web Push, in the byte forms the web uses: a public key is the 65-byte
 * uncompressed point {@code 0x04 | x | y} (SEC 1 section 2.3.3), a private key the 32-byte scalar.
 */
final class P256 {
    /** Length of an uncompressed point. */
    static final int PUBLIC_KEY_BYTES = 65;
    /** Length of a private scalar, and of each coordinate. */
    static final int PRIVATE_KEY_BYTES = 32;

    static final ECParameterSpec PARAMETERS = parameters();

    private P256() {
    }

    /** A fresh key pair from the JDK's generator. */
    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    /**
     * The public key of an uncompressed point.
     *
     * @throws IllegalArgumentException when it is not 65 bytes starting with 4, or the point is not on the curve
     *     (the JDK's key factory does not check that, and ECDH with a point off the curve can leak the private key)
     */
    static ECPublicKey publicKey(byte[] point) {
        if (point.length != PUBLIC_KEY_BYTES || point[0] != 4) {
            throw new IllegalArgumentException("a P-256 public key is a 65-byte uncompressed point starting with 4,"
                    + " not " + point.length + " bytes");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + PRIVATE_KEY_BYTES));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 1 + PRIVATE_KEY_BYTES, PUBLIC_KEY_BYTES));
        EllipticCurve curve = PARAMETERS.getCurve();
        BigInteger p = ((ECFieldFp) curve.getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).subtract(x.pow(3).add(curve.getA().multiply(x)).add(curve.getB())).mod(p)
                        .equals(BigInteger.ZERO)) {
            throw new IllegalArgumentException("the point is not on the P-256 curve");
        }
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(new ECPoint(x, y), PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 public key: " + e.getMessage(), e);
        }
    }

    /**
     * The private key of a 32-byte scalar.
     *
     * @throws IllegalArgumentException when it is not 32 bytes, or not from 1 to the curve's order
     */
    static ECPrivateKey privateKey(byte[] scalar) {
        BigInteger s = new BigInteger(1, scalar);
        if (scalar.length != PRIVATE_KEY_BYTES || s.signum() == 0 || s.compareTo(PARAMETERS.getOrder()) >= 0) {
            throw new IllegalArgumentException("a P-256 private key is a 32-byte number below the curve's order");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(s, PARAMETERS));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    /** The 65-byte uncompressed point of a public key. */
    static byte[] encode(ECPublicKey key) {
        byte[] out = new byte[PUBLIC_KEY_BYTES];
        out[0] = 4;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 1 + PRIVATE_KEY_BYTES);
        return out;
    }

    /** The 32-byte scalar of a private key. */
    static byte[] encode(ECPrivateKey key) {
        byte[] out = new byte[PRIVATE_KEY_BYTES];
        fixed(key.getS(), out, 0);
        return out;
    }

    /** {@code value} as 32 big-endian bytes at {@code offset}. */
    private static void fixed(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int skip = Math.max(0, bytes.length - PRIVATE_KEY_BYTES);
        int n = bytes.length - skip;
        System.arraycopy(bytes, skip, out, offset + PRIVATE_KEY_BYTES - n, n);
    }

    private static ECParameterSpec parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no P-256 curve", e);
        }
    }
}
