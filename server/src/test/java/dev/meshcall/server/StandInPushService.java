package dev.meshcall.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service written for the tests, on the JDK's {@code HttpServer} on loopback: it hands out subscriptions made
 * as a browser makes them (a P-256 key pair and a 16-byte auth secret of its own), and for each push checks the VAPID
 * token (ES256 signature by the {@code k=} key, {@code aud} its own origin, {@code exp} in the future and at most
 * 24 h away, a {@code sub}), decrypts the RFC 8291 body with the subscription's keys (JDK primitives, independent of
 * the server's classes) and records the JSON with the headers. It answers {@link #answer} (201 by default), or
 * never, while {@link #hang} is set. What it refuses it records as a problem, which tests assert are none.
 */
public final class StandInPushService implements AutoCloseable {
    /** One push received, decrypted. */
    public record Push(String subscription, JsonNode payload, String topic, String ttl, String urgency) {
    }

    /** A subscription as the browser's {@code PushSubscription.toJSON()}. */
    public record Subscription(String id, String json, String endpoint) {
    }

    private record Keys(KeyPair pair, byte[] publicPoint, byte[] auth) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final HttpServer server;
    private final Map<String, Keys> subscriptions = new ConcurrentHashMap<>();
    public final List<Push> pushes = new CopyOnWriteArrayList<>();
    public final List<String> problems = new CopyOnWriteArrayList<>();
    public volatile int answer = 201;
    private volatile CountDownLatch hang;
    private final SecureRandom random = new SecureRandom();

    public StandInPushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/push/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription at this service, as a browser would make it. */
    public Subscription subscribe() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] point = point((ECPublicKey) pair.getPublic());
        byte[] auth = new byte[16];
        random.nextBytes(auth);
        String id = Long.toHexString(random.nextLong());
        subscriptions.put(id, new Keys(pair, point, auth));
        String endpoint = origin() + "/push/" + id;
        String json = "{\"endpoint\":\"" + endpoint + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                + B64.encodeToString(point) + "\",\"auth\":\"" + B64.encodeToString(auth) + "\"}}";
        return new Subscription(id, json, endpoint);
    }

    /** Until {@link #release}, requests get no answer at all. */
    public void hang() {
        hang = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch latch = hang;
        hang = null;
        if (latch != null) {
            latch.countDown();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            CountDownLatch latch = hang;
            if (latch != null) {
                latch.await();
                return;
            }
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            Keys keys = subscriptions.get(id);
            String problem = keys == null ? "unknown subscription " + id : check(exchange, keys, body);
            if (problem != null) {
                problems.add(problem);
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            exchange.sendResponseHeaders(answer, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A problem with the request, or null after recording the push it carried. */
    private String check(HttpExchange exchange, Keys keys, byte[] body) {
        try {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.matches("vapid t=[^,]+, k=[A-Za-z0-9_-]+")) {
                return "Authorization is not 'vapid t=..., k=...': " + authorization;
            }
            String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(','));
            PublicKey vapid = publicKey(UNB64.decode(authorization.substring(authorization.indexOf("k=") + 2)));
            String[] parts = jwt.split("\\.");
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(vapid);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(UNB64.decode(parts[2]))) {
                return "the VAPID signature does not verify";
            }
            JsonNode header = TestHttp.JSON.readTree(UNB64.decode(parts[0]));
            JsonNode claims = TestHttp.JSON.readTree(UNB64.decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            long exp = claims.path("exp").asLong();
            boolean subject = claims.path("sub").asText().matches("(mailto|https):.+");
            if (!"ES256".equals(header.path("alg").asText()) || !origin().equals(claims.path("aud").asText())
                    || exp <= now || exp > now + 24 * 3600 || !subject) {
                return "bad VAPID token " + header + " " + claims;
            }
            if (!"aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                return "Content-Encoding is not aes128gcm";
            }
            JsonNode payload = TestHttp.JSON.readTree(decrypt(keys, body));
            pushes.add(new Push(exchange.getRequestURI().getPath(), payload,
                    exchange.getRequestHeaders().getFirst("Topic"), exchange.getRequestHeaders().getFirst("TTL"),
                    exchange.getRequestHeaders().getFirst("Urgency")));
            return null;
        } catch (Exception e) {
            return "cannot read the push: " + e;
        }
    }

    /** RFC 8291 as the browser undoes it: from the body's header, the subscription's private key and auth secret. */
    private static byte[] decrypt(Keys keys, byte[] body) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] senderPoint = new byte[in.get() & 0xff];
        in.get(senderPoint);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (recordSize != 4096 || senderPoint.length != 65) {
            throw new GeneralSecurityException("header rs " + recordSize + ", idlen " + senderPoint.length);
        }
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(keys.pair().getPrivate());
        agreement.doPhase(publicKey(senderPoint), true);
        byte[] ecdh = agreement.generateSecret();
        byte[] keyInfo = ByteBuffer.allocate(14 + 130).put("WebPush: info\0".getBytes(StandardCharsets.US_ASCII))
                .put(keys.publicPoint()).put(senderPoint).array();
        byte[] ikm = hmac(hmac(keys.auth(), ecdh), concat(keyInfo, new byte[] {1}));
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII),
                new byte[] {1})), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] record = cipher.doFinal(ciphertext);
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--;
        }
        if (end < 0 || record[end] != 2) {
            throw new GeneralSecurityException("no last-record delimiter");
        }
        return Arrays.copyOf(record, end);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] point(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = key.getW().getAffineX().toByteArray();
        byte[] y = key.getW().getAffineY().toByteArray();
        System.arraycopy(x, Math.max(0, x.length - 32), out, 1 + 32 - Math.min(32, x.length), Math.min(32, x.length));
        System.arraycopy(y, Math.max(0, y.length - 32), out, 33 + 32 - Math.min(32, y.length), Math.min(32, y.length));
        return out;
    }

    private static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey any = (ECPublicKey) generator.generateKeyPair().getPublic();
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, any.getParams()));
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
