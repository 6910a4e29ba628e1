package dev.meshcall.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One STUN or TURN server a browser may use, as W3C {@code RTCIceServer}
 * (<a href="https://www.w3.org/TR/webrtc/#dom-rtciceserver">webrtc-pc</a>): its {@code urls}, and for TURN the
 * {@code username} and {@code credential} (the server mints them with the TURN REST scheme,
 * <a href="https://datatracker.ietf.org/doc/html/draft-uberti-behave-turn-rest-00">draft-uberti-behave-turn-rest</a>).
 * Either both of those are set or neither.
 */
public final class IceServer {
    private final List<String> urls;
    private final String username;
    private final String credential;

    /**
     * @param urls       {@code stun:}, {@code turn:} or {@code turns:} URLs, at least one
     * @param username   the TURN username, or {@code null} (STUN)
     * @param credential the TURN password, or {@code null} (STUN)
     */
    public IceServer(List<String> urls, String username, String credential) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("an ICE server needs at least one URL");
        }
        if ((username == null) != (credential == null)) {
            throw new IllegalArgumentException("an ICE server has both a username and a credential, or neither");
        }
        this.urls = Collections.unmodifiableList(new ArrayList<>(urls));
        this.username = username;
        this.credential = credential;
    }

    /** A server without credentials (STUN). */
    public static IceServer of(List<String> urls) {
        return new IceServer(urls, null, null);
    }

    public List<String> urls() {
        return urls;
    }

    /** The TURN username, or {@code null}. */
    public String username() {
        return username;
    }

    /** The TURN password, or {@code null}. */
    public String credential() {
        return credential;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof IceServer)) {
            return false;
        }
        IceServer that = (IceServer) other;
        return urls.equals(that.urls) && Objects.equals(username, that.username)
                && Objects.equals(credential, that.credential);
    }

    @Override
    public int hashCode() {
        return Objects.hash(urls, username, credential);
    }

    /** Names the URLs and the username, never the credential, so that it is safe to log. */
    @Override
    public String toString() {
        return "IceServer" + urls + (username == null ? "" : " username=" + username);
    }
}
