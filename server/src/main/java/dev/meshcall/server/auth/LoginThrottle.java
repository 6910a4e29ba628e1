package dev.meshcall.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per account and per client address in a sliding window of one minute (OWASP ASVS V6.3, "anti
 * automation"): once either count reaches its limit, further attempts are refused without checking the password
 * until the oldest failure leaves the window. Unknown accounts are counted exactly like known ones, so the answers
 * never tell whether an account exists. Thread-safe; old entries are forgotten.
 */
public final class LoginThrottle {
    /** The window failures are counted in. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int PURGE_ABOVE = 10_000;

    private final int perAccount;
    private final int perAddress;
    private final Clock clock;
    private final Map<String, Deque<Instant>> accounts = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(int perAccount, int perAddress, Clock clock) {
        if (perAccount < 1 || perAddress < 1) {
            throw new IllegalArgumentException("login failure limits must be positive, not " + perAccount + "/"
                    + perAddress);
        }
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * How long the caller must wait before this attempt is allowed, or {@link Duration#ZERO} when it may go ahead.
     *
     * @param account the account's key (the same for every way of naming it)
     * @param address the client's address, or {@code null} when unknown
     */
    public Duration waitBefore(String account, String address) {
        Instant now = clock.instant();
        Duration wait = waitIn(accounts.get(account), perAccount, now);
        if (address != null) {
            Duration byAddress = waitIn(addresses.get(address), perAddress, now);
            wait = byAddress.compareTo(wait) > 0 ? byAddress : wait;
        }
        return wait;
    }

    /**
     * Admits one attempt and counts it as a failure at once, before the password is checked, so that concurrent
     * attempts cannot all pass the check while none of them has been counted yet (40 concurrent wrong passwords
     * once got 20 checks, not 5). Refuses while the account or the address is at its limit: both account modes
     * answer a throttled login with this one message and wait.
     *
     * @return the admitted attempt: call {@link Attempt#succeeded()} when the password was right
     * @throws AccountException {@code RATE_LIMITED}, the wait rounded up to whole seconds
     */
    public Attempt begin(String account, String address) {
        Instant now = clock.instant();
        if (accounts.size() + addresses.size() > PURGE_ABOVE) {
            purge(now);
        }
        Deque<Instant> byAccount = accounts.computeIfAbsent(account, k -> new ArrayDeque<>());
        Deque<Instant> byAddress = address == null ? null : addresses.computeIfAbsent(address,
                k -> new ArrayDeque<>());
        synchronized (byAccount) {
            Duration wait = waitIn(byAccount, perAccount, now);
            if (byAddress == null) {
                refuseIfWaiting(wait);
                byAccount.addLast(now);
                return new Attempt(account, byAccount, null, now);
            }
            synchronized (byAddress) {
                Duration byAddressWait = waitIn(byAddress, perAddress, now);
                refuseIfWaiting(byAddressWait.compareTo(wait) > 0 ? byAddressWait : wait);
                byAccount.addLast(now);
                byAddress.addLast(now);
                return new Attempt(account, byAccount, byAddress, now);
            }
        }
    }

    /** A login attempt {@link #begin admitted} and already counted as failed until it {@link #succeeded()}. */
    public final class Attempt {
        private final String account;
        private final Deque<Instant> byAccount;
        private final Deque<Instant> byAddress;
        private final Instant at;

        private Attempt(String account, Deque<Instant> byAccount, Deque<Instant> byAddress, Instant at) {
            this.account = account;
            this.byAccount = byAccount;
            this.byAddress = byAddress;
            this.at = at;
        }

        /** The password was right: the account's failures are cleared, and this attempt no longer counts. */
        public void succeeded() {
            accounts.remove(account);
            uncountFrom(byAddress);
        }

        /** The password could not be checked (the XMPP service was unreachable): this attempt no longer counts. */
        public void unchecked() {
            uncountFrom(byAccount);
            uncountFrom(byAddress);
        }

        private void uncountFrom(Deque<Instant> failures) {
            if (failures != null) {
                synchronized (failures) {
                    failures.removeLastOccurrence(at);
                }
            }
        }
    }

    private static void refuseIfWaiting(Duration wait) {
        if (!wait.isZero() && !wait.isNegative()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new AccountException(AccountException.Reason.RATE_LIMITED, null, "too many failed logins; try"
                    + " again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
    }

    /** How long until {@code failures} (may be {@code null}) is below {@code limit}; locks it (reentrant). */
    private static Duration waitIn(Deque<Instant> failures, int limit, Instant now) {
        if (failures == null) {
            return Duration.ZERO;
        }
        synchronized (failures) {
            expire(failures, now);
            if (failures.size() < limit) {
                return Duration.ZERO;
            }
            return Duration.between(now, failures.peekFirst().plus(WINDOW));
        }
    }

    private static void expire(Deque<Instant> failures, Instant now) {
        while (!failures.isEmpty() && !now.isBefore(failures.peekFirst().plus(WINDOW))) {
            failures.removeFirst();
        }
    }

    private void purge(Instant now) {
        for (Map<String, Deque<Instant>> map : java.util.List.of(accounts, addresses)) {
            map.values().removeIf(failures -> {
                synchronized (failures) {
                    expire(failures, now);
                    return failures.isEmpty();
                }
            });
        }
    }
}
