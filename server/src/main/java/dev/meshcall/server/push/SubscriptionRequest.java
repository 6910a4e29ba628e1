package dev.meshcall.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshcall.server.http.ApiException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * The body of {@code POST /api/push/subscriptions}, the browser's {@code PushSubscription.toJSON()}:
 * {@code {"endpoint":"https://...","expirationTime":null|number,"keys":{"p256dh":"...","auth":"..."}}}, and of
 * {@code DELETE /api/push/subscriptions}, {@code {"endpoint":"https://..."}}. Read strictly: an unknown field, a
 * missing one or a bad value is 400 naming the field. The endpoint must be an absolute {@code https:} URL (the
 * server will POST to it: see the package documentation on request forgery), {@code http:} too only with
 * {@code --push-allow-http-endpoints}; {@code p256dh} a P-256 point of 65 bytes on the curve; {@code auth} 16 bytes.
 */
record SubscriptionRequest(String endpoint, String p256dh, String auth) {
    private static final Set<String> FIELDS = Set.of("endpoint", "expirationTime", "keys");
    private static final Set<String> KEY_FIELDS = Set.of("p256dh", "auth");

    /** A whole subscription; 400 naming the field otherwise. */
    static SubscriptionRequest subscribe(JsonNode body, boolean allowHttp) {
        onlyKnown(body, FIELDS, "");
        String endpoint = endpoint(body, allowHttp);
        JsonNode expiration = body.get("expirationTime");
        if (expiration != null && !expiration.isNull() && !expiration.isNumber()) {
            throw ApiException.badRequest("expirationTime must be null or a number");
        }
        JsonNode keys = body.get("keys");
        if (keys == null || !keys.isObject()) {
            throw ApiException.badRequest("keys must be an object with p256dh and auth");
        }
        onlyKnown(keys, KEY_FIELDS, "keys.");
        byte[] p256dh = bytes(keys, "p256dh");
        try {
            P256.publicKey(p256dh);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("keys.p256dh: " + e.getMessage());
        }
        byte[] auth = bytes(keys, "auth");
        if (auth.length != PushEncryption.AUTH_SECRET_BYTES) {
            throw ApiException.badRequest("keys.auth must be 16 bytes, not " + auth.length);
        }
        return new SubscriptionRequest(endpoint, Base64Url.encode(p256dh), Base64Url.encode(auth));
    }

    /** The endpoint of an unsubscription; 400 naming the field otherwise. */
    static String unsubscribe(JsonNode body) {
        onlyKnown(body, Set.of("endpoint"), "");
        JsonNode value = body.get("endpoint");
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw ApiException.badRequest("endpoint must be the subscription's URL");
        }
        return value.textValue();
    }

    private static String endpoint(JsonNode body, boolean allowHttp) {
        JsonNode value = body.get("endpoint");
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("endpoint must be the push service's URL, a string");
        }
        String text = value.textValue();
        if (text.length() > PushSubscriptionStore.MAX_ENDPOINT_CHARS) {
            throw ApiException.badRequest("endpoint is " + text.length() + " characters, over the limit of "
                    + PushSubscriptionStore.MAX_ENDPOINT_CHARS);
        }
        String schemes = allowHttp ? "https: or http:" : "https:";
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || allowHttp && scheme.equals("http")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawFragment() == null) {
                return text;
            }
        } catch (URISyntaxException e) {
            // Said below.
        }
        throw ApiException.badRequest("endpoint must be an absolute " + schemes + " URL without user or fragment");
    }

    private static byte[] bytes(JsonNode keys, String field) {
        JsonNode value = keys.get(field);
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("keys." + field + " must be a base64url string");
        }
        try {
            return Base64Url.decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("keys." + field + " is not base64url");
        }
    }

    private static void onlyKnown(JsonNode object, Set<String> known, String prefix) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field '" + prefix + name + "'");
            }
        }
    }
}
