package dev.meshcall.server.auth;

/**
 * A stored password: the PBKDF2 output, its salt and the iteration count it was made with (kept per user, so that
 * raising the count later does not lock anyone out).
 */
public record PasswordHash(byte[] hash, byte[] salt, int iterations) {

    /** Never shows the hash or salt, so that it is safe to log by mistake. */
    @Override
    public String toString() {
        return "PasswordHash[PBKDF2WithHmacSHA256, " + iterations + " iterations]";
    }
}
