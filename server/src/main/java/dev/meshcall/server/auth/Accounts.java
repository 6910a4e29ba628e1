package dev.meshcall.server.auth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the REST API ({@code docs/protocol.md}, "REST") needs of the accounts, whichever mode holds them: the
 * embedded database, or the XMPP service ({@code docs/xmpp.md}). Every method may block (database, PBKDF2, the
 * XMPP service): call it from a worker thread.
 *
 * <p>Sign-up and login take the request body as it came: the two modes read its fields by different rules (in XMPP
 * mode the user id is the login) and answer with their own messages, which this interface keeps as they are.
 * Failures are {@link AccountException}s, whose reasons the REST API maps to HTTP statuses: the modes know nothing of
 * HTTP.
 *
 * <p>Tokens are not here: both modes hand out and check them with the same {@link TokenService}, so logout and the
 * token check of the user list go to it directly.
 */
public interface Accounts {
    /** Creates an account from the body of {@code POST /api/users}. */
    User signUp(JsonNode body);

    /**
     * Logs in from the body of {@code POST /api/login}, under the login throttle.
     *
     * @param address the client's address, or {@code null} when unknown
     */
    AccountService.Session login(JsonNode body, String address);

    /** The page of users {@code GET /api/users} asks for, in id order. */
    UserPage users(UserQuery query);
}
