package dev.meshcall.server.mode;

import dev.meshcall.server.auth.AccountService;
import dev.meshcall.server.auth.PasswordHasher;
import dev.meshcall.server.auth.SocketAuthenticator;
import dev.meshcall.server.auth.TokenSeal;
import dev.meshcall.server.auth.UserStore;
import dev.meshcall.server.push.PushPeers;
import dev.meshcall.server.push.PushSubscriptionStore;
import dev.meshcall.server.relay.LocalRelay;
import dev.meshcall.server.relay.Relay;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: one node, the in-process relay, the accounts and the push subscriptions in the H2 database of
 * the data directory. Only
 * this node reads its tokens, so they are sealed with a random key, and the node is always ready.
 */
public final class EmbeddedMode implements RelayMode {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMode.class);

    private final LocalRelay relay = new LocalRelay();
    private UserStore users;
    private PushSubscriptionStore pushSubscriptions;

    @Override
    public Relay relay() {
        return relay;
    }

    @Override
    public TokenSeal tokenSeal() {
        return TokenSeal.random();
    }

    /** Opens the account database; the passwords in it are hashed with PBKDF2. */
    @Override
    public synchronized ModeServices open(ModeContext node) throws IOException {
        if (users != null) {
            throw new IllegalStateException("the account database in " + node.dataDir() + " is already open");
        }
        PasswordHasher hasher = new PasswordHasher();
        if (hasher.iterations() < PasswordHasher.DEFAULT_ITERATIONS) {
            LOG.warn("PBKDF2 at {} iterations ({} is set): fine for tests, too weak for real accounts",
                    hasher.iterations(), PasswordHasher.ITERATIONS_PROPERTY);
        }
        users = UserStore.open(node.dataDir());
        try {
            pushSubscriptions = PushSubscriptionStore.open(node.dataDir(), Clock.systemUTC());
        } catch (IOException e) {
            close();
            throw e;
        }
        AccountService accounts = new AccountService(users, hasher, node.tokens(), node.loginThrottle());
        return new ModeServices(accounts, SocketAuthenticator.immediate(accounts::authenticate), users::exists,
                pushSubscriptions, PushPeers.NONE);
    }

    /** Never a reason: the relay is in this process. */
    @Override
    public String notReadyReason() {
        return null;
    }

    /** Closes the account database; the in-process relay holds nothing to close. */
    @Override
    public synchronized void close() {
        if (pushSubscriptions != null) {
            pushSubscriptions.close();
            pushSubscriptions = null;
        }
        if (users != null) {
            users.close();
            users = null;
        }
    }
}
