package dev.meshcall.server.turn;

import java.util.regex.Pattern;

/**
 * Checks the STUN and TURN URLs an operator configures before any browser gets them: {@code stun:host[:port]}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7064">RFC 7064</a>) and
 * {@code turn:host[:port][?transport=udp|tcp]} or {@code turns:…}
 * (<a href="https://www.rfc-editor.org/rfc/rfc7065">RFC 7065</a>). The host is a name, an IPv4 address or an IPv6
 * address in brackets. A browser refuses a whole {@code RTCConfiguration} with one bad URL in it, so a bad one is
 * an error at start, not in every call.
 */
public final class IceUrls {
    private static final String HOST = "(?:\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)";
    private static final String PORT = "(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}"
            + "|655[0-2][0-9]|6553[0-5]))?";
    private static final Pattern STUN = Pattern.compile("stun:" + HOST + PORT);
    private static final Pattern TURN = Pattern.compile("turns?:" + HOST + PORT + "(?:\\?transport=(?:udp|tcp))?");

    private IceUrls() {
    }

    /**
     * A STUN URL as given, trimmed.
     *
     * @throws IllegalArgumentException naming the URL and the form it should have
     */
    public static String stun(String url) {
        return check(url, STUN, "a STUN URL such as stun:stun.example.org:3478");
    }

    /**
     * A TURN URL as given, trimmed.
     *
     * @throws IllegalArgumentException naming the URL and the form it should have
     */
    public static String turn(String url) {
        return check(url, TURN, "a TURN URL such as turn:turn.example.org:3478?transport=udp or"
                + " turns:turn.example.org:5349?transport=tcp");
    }

    private static String check(String url, Pattern form, String expected) {
        String trimmed = url.trim();
        if (!form.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + trimmed + "' is not " + expected);
        }
        return trimmed;
    }
}
