package dev.meshcall.server.relay.xmpp;

import static dev.meshcall.server.auth.AccountException.invalid;

import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.auth.AccountNames;
import dev.meshcall.server.auth.AccountRequest;
import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.auth.UserPage;
import dev.meshcall.server.auth.UserQuery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts of XMPP mode ({@code docs/xmpp.md}): the XMPP service holds them, so a login logs the user in to it
 * ({@code {userId, password}}, or {@code login} holding the user id) and hands out the same tokens as the embedded
 * mode; a sign-up is an in-band registration (XEP-0077) where the service allows it; the user list is the users
 * this node knows of. A user's login is their id, their full name the one saved on the service.
 */
public final class XmppAccounts implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(XmppAccounts.class);
    /** How long the user list may spend reading names it has not seen yet (the rest show as User N this time). */
    private static final Duration NAME_LOOKUP_BUDGET = Duration.ofSeconds(2);

    private final XmppRelay relay;
    private final TokenService tokens;
    private final LoginThrottle throttle;

    /**
     * @param throttle the same login throttle as the embedded mode's: failures per account and per address
     */
    public XmppAccounts(XmppRelay relay, TokenService tokens, LoginThrottle throttle) {
        this.relay = relay;
        this.tokens = tokens;
        this.throttle = throttle;
    }

    @Override
    public User signUp(AccountRequest request) {
        int userId = userId(request);
        String password = request.password();
        AccountService.checkPassword(password);
        String name = request.fullName() == null ? null : AccountNames.fullName(request.fullName());
        try {
            relay.signUp(userId, password);
        } catch (XmppRegistrationException e) {
            throw new AccountException(e.reason(), null, e.getMessage());
        }
        if (name != null) {
            relay.saveName(userId, password, name);
        }
        LOG.info("new XMPP account for user {}", userId);
        return user(userId);
    }

    @Override
    public AccountService.Session login(AccountRequest request, String address) {
        int userId = userId(request);
        String password = request.password();
        if (password == null) {
            throw invalid("password", "password is missing");
        }
        if (password.isEmpty() || password.codePointCount(0, password.length()) > AccountService.MAX_PASSWORD) {
            throw invalid("password", "password must be 1 to " + AccountService.MAX_PASSWORD + " characters");
        }
        String account = "id:" + userId;
        LoginThrottle.Attempt attempt = throttle.begin(account, address);
        try {
            relay.login(userId, password);
            attempt.succeeded();
        } catch (XmppLoginException e) {
            if (e.reason() == XmppLoginException.Reason.WRONG_PASSWORD) {
                throw new AccountException(AccountException.Reason.UNAUTHORIZED, null, "wrong login or password");
            }
            attempt.unchecked();
            LOG.warn("login of user {} failed: {}", userId, e.getMessage());
            throw new AccountException(AccountException.Reason.UNAVAILABLE, null,
                    "the XMPP service cannot be reached; try again");
        }
        // The token carries the password, sealed: any node holding the key can log the user in to XMPP again.
        return new AccountService.Session(tokens.issue(userId, password), user(userId));
    }

    /**
     * The users this node knows of. Their names are read for the page only, unless the query searches them: then
     * for all (those not read within the budget show as User N this time).
     */
    @Override
    public UserPage users(UserQuery query) {
        TreeSet<Integer> ids = new TreeSet<>(relay.knownUsers());
        if (!query.ids().isEmpty()) {
            ids.retainAll(query.ids());
        } else {
            ids = new TreeSet<>(ids.tailSet(query.after(), false));
        }
        if (query.search() == null) {
            ids = ids.stream().limit(query.limit() + 1L).collect(Collectors.toCollection(TreeSet::new));
        }
        relay.loadNames(ids, NAME_LOOKUP_BUDGET);
        List<User> list = new ArrayList<>();
        for (int userId : ids) {
            list.add(user(userId));
        }
        return query.pageOf(list);
    }

    private User user(int userId) {
        return new User(userId, Integer.toString(userId), relay.nameOf(userId));
    }

    /** {@code userId}, or a {@code login} that is a user id: in XMPP mode the user id is the login. */
    private static int userId(AccountRequest request) {
        if (request.userId() != null) {
            return request.userId();
        }
        String key = AccountNames.loginKey(request.login());
        if (key != null && key.matches("[1-9][0-9]{0,9}") && Long.parseLong(key) <= Integer.MAX_VALUE) {
            return Integer.parseInt(key);
        }
        throw invalid("userId", "userId must be a whole number from 1 (in XMPP mode the user id is the login)");
    }
}
