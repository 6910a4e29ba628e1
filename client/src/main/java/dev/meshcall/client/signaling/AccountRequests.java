package dev.meshcall.client.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import org.teavm.jso.ajax.XMLHttpRequest;

/** The server's REST calls the SDK itself needs: signing in with a password ({@code POST /api/login}). */
public final class AccountRequests {

    /** The outcome of a login. */
    public interface LoginCallback {
        void succeeded(String token, int userId);

        /** {@code retryable}: the server could not be reached or failed, rather than refusing the login. */
        void failed(String message, boolean retryable);
    }

    private AccountRequests() {
    }

    /** Signs user {@code userId} in with {@code password} at {@code baseUrl}. */
    public static void login(String baseUrl, int userId, String password, LoginCallback callback) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("password", password);
        XMLHttpRequest request = new XMLHttpRequest();
        request.open("POST", baseUrl + "/api/login");
        request.setRequestHeader("Content-Type", "application/json");
        request.onComplete(() -> {
            int status = request.getStatus();
            String text = request.getResponseText();
            if (status == 0) {
                callback.failed("cannot reach the MeshCall server at " + baseUrl, true);
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> reply = (Map<String, Object>) BrowserJson.parse(text);
                if (status == 200) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> user = (Map<String, Object>) reply.get("user");
                    callback.succeeded((String) reply.get("token"), ((Number) user.get("id")).intValue());
                } else {
                    callback.failed("login failed (" + status + "): " + reply.get("message"), status >= 500);
                }
            } catch (RuntimeException e) {
                callback.failed("login failed (" + status + "): unexpected reply from the server", true);
            }
        });
        request.send(BrowserJson.stringify(body));
    }
}
