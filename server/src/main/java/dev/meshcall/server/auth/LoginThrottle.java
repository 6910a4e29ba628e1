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
        Duration wait = waitIn(accounts, account, perAccount, now);
        if (address != null) {
            Duration byAddress = waitIn(addresses, address, perAddress, now);
            wait = byAddress.compareTo(wait) > 0 ? byAddress : wait;
        }
        return wait;
    }

    /**
     * Refuses an attempt while the account or the address is over its limit, before the password is checked: both
     * account modes answer a throttled login with this one message and wait.
     *
     * @throws AccountException {@code RATE_LIMITED}, the wait rounded up to whole seconds
     */
    public void checkAllowed(String account, String address) {
        Duration wait = waitBefore(account, address);
        if (!wait.isZero() && !wait.isNegative()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new AccountException(AccountException.Reason.RATE_LIMITED, null, "too many failed logins; try"
                    + " again in " + seconds + " s", Duration.ofSeconds(seconds));
        }
    }

    /** Counts a failed attempt. */
    public void failed(String account, String address) {
        Instant now = clock.instant();
        if (accounts.size() + addresses.size() > PURGE_ABOVE) {
            purge(now);
        }
        record(accounts, account, perAccount, now);
        if (address != null) {
            record(addresses, address, perAddress, now);
        }
    }

    /** A successful login clears the account's failures (not the address's). */
    public void succeeded(String account) {
        accounts.remove(account);
    }

    private static Duration waitIn(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
        Deque<Instant> failures = map.get(key);
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

    private static void record(Map<String, Deque<Instant>> map, String key, int limit, Instant now) {
        Deque<Instant> failures = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (failures) {
            expire(failures, now);
            failures.addLast(now);
            while (failures.size() > limit) {
                failures.removeFirst();
            }
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
