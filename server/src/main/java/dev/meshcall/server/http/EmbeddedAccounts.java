package dev.meshcall.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshcall.server.auth.AccountException;
import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.Accounts;
import dev.meshcall.server.auth.User;
import dev.meshcall.server.auth.UserPage;
import dev.meshcall.server.auth.UserQuery;
import dev.meshcall.server.auth.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts of the embedded mode: the {@link AccountService} over the database in the data directory. Lives
 * beside the {@link ApiHandler} because it reads the request's fields; the account rules stay in
 * {@link AccountService}.
 */
public final class EmbeddedAccounts implements Accounts {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAccounts.class);

    private final AccountService accounts;
    private final UserStore users;

    public EmbeddedAccounts(AccountService accounts, UserStore users) {
        this.accounts = accounts;
        this.users = users;
    }

    @Override
    public User signUp(JsonNode body) {
        User user = accounts.signUp(JsonExchange.optionalString(body, "login"),
                JsonExchange.optionalString(body, "password"), JsonExchange.optionalString(body, "fullName"));
        LOG.info("new account {} '{}'", user.id(), user.login());
        return user;
    }

    /** By {@code userId} when given, else by {@code login}. */
    @Override
    public AccountService.Session login(JsonNode body, String address) {
        String password = JsonExchange.optionalString(body, "password");
        JsonNode userId = body.get("userId");
        if (userId != null && !userId.isNull()) {
            if (!userId.canConvertToInt() || !userId.isIntegralNumber() || userId.intValue() < 1) {
                throw AccountException.invalid("userId", "userId must be a whole number from 1");
            }
            return accounts.login(userId.intValue(), password, address);
        }
        return accounts.login(JsonExchange.optionalString(body, "login"), password, address);
    }

    @Override
    public UserPage users(UserQuery query) {
        return users.page(query);
    }
}
