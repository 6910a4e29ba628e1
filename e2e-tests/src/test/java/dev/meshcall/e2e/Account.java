package dev.meshcall.e2e;

/**
 * A user of the server. {@code id} is kept as the server's JSON gave it (so the browser gets the same type); it is
 * {@code null} until the account exists on the server.
 */
public record Account(Object id, String login, String password, String fullName) {
    /** The id as text, for comparing with ids the browser hands back. */
    public String idText() {
        return String.valueOf(id);
    }

    public Account withId(Object value) {
        return new Account(value, login, password, fullName);
    }
}
