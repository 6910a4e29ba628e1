package dev.meshcall.server.auth;

import static dev.meshcall.server.auth.AccountException.invalid;

import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts of the embedded mode, in the database of the data directory: sign-up, login and logout; checks the
 * fields, hashes and verifies passwords, and hands out tokens. Every method may block (database, PBKDF2): call it
 * from a worker thread, never from an I/O thread.
 */
public final class AccountService implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
    /** Password length bounds, in either mode (an XMPP-mode token carries the password: {@code Limits}). */
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 256;
    private static final String WRONG = "wrong login or password";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    /** Checked against when the login is unknown, so that an unknown login costs the same time as a wrong password. */
    private final PasswordHash decoy;
    private final LoginThrottle throttle;

    /** With the default login throttle: 5 failures per account and 20 per address per minute. */
    public AccountService(UserStore users, PasswordHasher hasher, TokenService tokens) {
        this(users, hasher, tokens, new LoginThrottle(5, 20, Clock.systemUTC()));
    }

    public AccountService(UserStore users, PasswordHasher hasher, TokenService tokens, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.tokens = tokens;
        this.throttle = throttle;
        this.decoy = hasher.hash("decoy password, never matches anything");
    }

    /** A login with its token. */
    public record Session(String token, User user) {
        @Override
        public String toString() {
            return "Session[user=" + user + "]";
        }
    }

    @Override
    public User signUp(AccountRequest request) {
        User user = signUp(request.login(), request.password(), request.fullName());
        LOG.info("new account {} '{}'", user.id(), user.login());
        return user;
    }

    /** By {@code userId} when given, else by {@code login}. */
    @Override
    public Session login(AccountRequest request, String address) {
        if (request.userId() != null) {
            return login(request.userId(), request.password(), address);
        }
        return login(request.login(), request.password(), address);
    }

    @Override
    public UserPage users(UserQuery query) {
        return users.page(query);
    }

    /**
     * Creates an account.
     *
     * @param login    stored in its key form ({@link AccountNames#newLogin}): {@code ALICE} becomes {@code alice}
     * @param fullName may be {@code null}: defaults to the login; normalized by {@link AccountNames#fullName}
     * @throws AccountException {@code INVALID} naming the field, or {@code CONFLICT} when the login is taken in any
     *     case, or when the full name is another user's login (a caller named "alice" who is not alice)
     */
    public User signUp(String login, String password, String fullName) {
        String key = AccountNames.newLogin(login);
        checkPassword(password);
        String name = fullName == null ? key : AccountNames.fullName(fullName);
        String nameAsLogin = AccountNames.loginKey(name);
        if (!nameAsLogin.equals(key) && users.findByLogin(nameAsLogin).isPresent()) {
            throw new AccountException(AccountException.Reason.CONFLICT, "fullName", "fullName '" + name
                    + "' is another user's login; choose a name of your own");
        }
        return users.create(key, name, hasher.hash(password));
    }

    /**
     * Logs in by login name.
     *
     * @throws AccountException {@code UNAUTHORIZED} with the same message whether the login or the password is wrong
     */
    public Session login(String login, String password) {
        return login(login, password, null);
    }

    /**
     * Logs in by login name from a client address, under the login throttle.
     *
     * @param address the client's address, or {@code null} when unknown (then only the account is throttled)
     * @throws AccountException {@code RATE_LIMITED} (the same whether the account exists or not) while the account
     *     or the address is over its failure limit, else as {@link #login(String, String)}
     */
    public Session login(String login, String password, String address) {
        if (login == null || password == null) {
            throw invalid(login == null ? "login" : "password", (login == null ? "login" : "password")
                    + " is missing");
        }
        Optional<UserStore.Credentials> found = users.findByLogin(login);
        return check(found, found.isPresent() ? null : "login:" + AccountNames.loginKey(login), password, address);
    }

    /** Logs in by user id; fails as {@link #login(String, String)} does. */
    public Session login(int userId, String password) {
        return login(userId, password, null);
    }

    /** Logs in by user id from a client address; fails as {@link #login(String, String, String)} does. */
    public Session login(int userId, String password, String address) {
        if (password == null) {
            throw invalid("password", "password is missing");
        }
        Optional<UserStore.Credentials> found = users.findById(userId);
        return check(found, found.isPresent() ? null : "id:" + userId, password, address);
    }

    /**
     * @param unknownKey the throttle key of an account that does not exist (an existing one is keyed by its id, so
     *     that naming it by login or by id shares one count)
     */
    private Session check(Optional<UserStore.Credentials> found, String unknownKey, String password,
            String address) {
        String key = found.map(c -> "user:" + c.user().id()).orElse(unknownKey);
        LoginThrottle.Attempt attempt = throttle.begin(key, address);
        PasswordHash stored = found.map(UserStore.Credentials::passwordHash).orElse(decoy);
        boolean ok = hasher.matches(password, stored);
        if (!ok || found.isEmpty()) {
            throw new AccountException(AccountException.Reason.UNAUTHORIZED, null, WRONG);
        }
        attempt.succeeded();
        User user = found.get().user();
        return new Session(tokens.issue(user.id()), user);
    }

    /** Revokes the token; returns whether it was valid. */
    public boolean logout(String token) {
        return tokens.revoke(token);
    }

    /** The user of a valid token, or empty. Never blocks. */
    public OptionalInt authenticate(String token) {
        return tokens.resolve(token);
    }

    /**
     * Checks a new password's length, counted in code points (what a person typed): {@code String.length()} counts
     * UTF-16 units, so four emoji would pass as an 8-character password.
     *
     * @throws AccountException {@code invalid} naming the length
     */
    public static void checkPassword(String password) {
        if (password == null) {
            throw invalid("password", "password is missing");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
            throw invalid("password", "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters, not " + length);
        }
    }
}
