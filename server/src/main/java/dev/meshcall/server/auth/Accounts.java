package dev.meshcall.server.auth;

/**
 * What the REST API ({@code docs/protocol.md}, "REST") needs of the accounts, whichever mode holds them: the
 * embedded database, or the XMPP service ({@code docs/xmpp.md}). Every method may block (database, PBKDF2, the
 * XMPP service): call it from a worker thread.
 *
 * <p>Sign-up and login take the request's fields as typed values ({@link AccountRequest}, read by the REST API): the
 * two modes use them by different rules (in XMPP mode the user id is the login) and answer with their own messages,
 * which this interface keeps as they are. Failures are {@link AccountException}s, whose reasons the REST API maps
 * to HTTP statuses: the modes know nothing of HTTP or JSON. The embedded mode's accounts are the
 * {@link AccountService}; XMPP mode's are {@code relay.xmpp.XmppAccounts}.
 *
 * <p>Tokens are not here: both modes hand out and check them with the same {@link TokenService}, so logout and the
 * token check of the user list go to it directly.
 */
public interface Accounts {
    /** Creates an account from the fields of {@code POST /api/users}. */
    User signUp(AccountRequest request);

    /**
     * Logs in from the fields of {@code POST /api/login}, under the login throttle.
     *
     * @param address the client's address, or {@code null} when unknown
     */
    AccountService.Session login(AccountRequest request, String address);

    /** The page of users {@code GET /api/users} asks for, in id order. */
    UserPage users(UserQuery query);
}
