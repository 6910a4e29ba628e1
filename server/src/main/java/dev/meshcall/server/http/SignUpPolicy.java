package dev.meshcall.server.http;

/**
 * Who may create an account through {@code POST /api/users} (issue 12, item 5): anyone ({@code --signup open}, the
 * default) at most {@code perAddressPerMinute} times a minute from one address ({@code --signup-rate}), or nobody
 * ({@code --signup closed}): the operator creates accounts with {@code meshcall-server.jar add-user}.
 *
 * @param open                whether {@code POST /api/users} creates accounts; when not it answers 403
 * @param perAddressPerMinute sign-ups per client address per minute, bursts of as many
 */
public record SignUpPolicy(boolean open, int perAddressPerMinute) {
    /** Default of {@code --signup-rate}: enough for a family behind one router, too few to fill a database. */
    public static final int DEFAULT_PER_ADDRESS_PER_MINUTE = 5;
    /** What a closed sign-up answers. */
    static final String CLOSED = "sign-up is closed on this server; accounts are created by its operator";

    public SignUpPolicy {
        if (perAddressPerMinute < 1) {
            throw new IllegalArgumentException("sign-ups per address per minute must be positive, not "
                    + perAddressPerMinute);
        }
    }

    /** Open, at the default rate. */
    public static SignUpPolicy defaults() {
        return new SignUpPolicy(true, DEFAULT_PER_ADDRESS_PER_MINUTE);
    }

    public SignUpPolicy withOpen(boolean value) {
        return new SignUpPolicy(value, perAddressPerMinute);
    }

    public SignUpPolicy withPerAddressPerMinute(int value) {
        return new SignUpPolicy(open, value);
    }

    @Override
    public String toString() {
        return "signUp=" + (open ? perAddressPerMinute + "/address/min" : "closed");
    }
}
