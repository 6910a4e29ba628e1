package dev.meshcall.server.push;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The {@code Topic} header of a call's pushes (RFC 8030 section 5.4): the same for the call and its cancellation, so
 * that a push service still holding the call replaces it with the cancellation. At most 32 base64url characters: the
 * first 24 bytes of the SHA-256 of the session id, which also keeps the session id itself out of the header.
 */
final class PushTopic {
    private PushTopic() {
    }

    static String of(String sessionId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return Base64Url.encode(Arrays.copyOf(hash, 24));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
