package dev.meshcall.server.auth;

/**
 * The fields of a sign-up ({@code POST /api/users}) or a login ({@code POST /api/login}) as the REST API read them
 * from the body: each {@code null} when absent, otherwise of its type (the API refuses a field of the wrong type
 * before it gets here). What each mode makes of them is its own: the embedded mode logs in by {@code userId} when
 * given, else by {@code login}; in XMPP mode the user id is the login.
 *
 * @param login    the login, as typed
 * @param userId   a user id from 1
 * @param password the password
 * @param fullName the full name, for a sign-up
 */
public record AccountRequest(String login, Integer userId, String password, String fullName) {
    /** Never shows the password. */
    @Override
    public String toString() {
        return "AccountRequest[login=" + login + ", userId=" + userId + ", fullName=" + fullName + "]";
    }
}
