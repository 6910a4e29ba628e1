package dev.meshcall.server.http;

import java.util.Locale;

/** The two request headers a static file's answer depends on: which encodings the client takes, and what it has. */
final class HttpNegotiation {
    private HttpNegotiation() {
    }

    /**
     * Whether {@code acceptEncoding} ({@code Accept-Encoding}, or {@code null}) takes gzip: named, or {@code *}, with
     * a weight above 0 and not refused by name (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3">RFC
     * 9110, 12.5.3</a>).
     */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        Boolean named = null;
        boolean any = false;
        for (String item : acceptEncoding.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            boolean wanted = weight(parts) > 0;
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                named = named == null ? wanted : named || wanted;
            } else if (coding.equals("*")) {
                any = wanted;
            }
        }
        return named != null ? named : any;
    }

    /** The {@code q} of one {@code Accept-Encoding} item; 1 when absent, 0 when unreadable. */
    private static double weight(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * Whether {@code ifNoneMatch} ({@code If-None-Match}, or {@code null}) names {@code etag} or is {@code *}, by the
     * weak comparison that header uses (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-13.1.2">RFC 9110,
     * 13.1.2</a>): the client has this representation already.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String item : ifNoneMatch.split(",")) {
            String tag = item.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
