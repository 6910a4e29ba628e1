package dev.meshcall.server.auth;

import java.util.List;

/**
 * One page of the user list, in id order.
 *
 * @param users the users of this page
 * @param next  the id to ask for the next page after, or {@code null} when this is the last page
 */
public record UserPage(List<User> users, Integer next) {
    public UserPage {
        users = List.copyOf(users);
    }

    /** A page of the first {@code limit} of {@code fetched}, which holds one more when there is a next page. */
    public static UserPage of(List<User> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new UserPage(fetched, null);
        }
        List<User> page = fetched.subList(0, limit);
        return new UserPage(page, page.get(limit - 1).id());
    }
}
