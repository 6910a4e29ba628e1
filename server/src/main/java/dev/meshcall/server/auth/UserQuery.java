package dev.meshcall.server.auth;

import java.util.List;

/**
 * Which users {@code GET /api/users} asks for (issue 12, item 5): a page of at most {@code limit} users with ids
 * above {@code after}, in id order, whose login or full name holds {@code search}; or, when {@code ids} is not
 * empty, just those users (the page learning of people it heard come online).
 *
 * @param search a search in its {@linkplain AccountNames#loginKey key form} (NFKC, lower case), or {@code null}
 * @param after  the id the page starts after; 0 for the first page
 * @param limit  the most users to answer, from 1
 * @param ids    the users to answer, or empty for a page
 */
public record UserQuery(String search, int after, int limit, List<Integer> ids) {
    public UserQuery {
        if (limit < 1 || after < 0) {
            throw new IllegalArgumentException("a user page needs a limit from 1 and an id to start after from 0, not "
                    + limit + " and " + after);
        }
        ids = List.copyOf(ids);
    }

    /** The first page of everyone. */
    public static UserQuery firstPage(int limit) {
        return new UserQuery(null, 0, limit, List.of());
    }

    /** Whether {@code user}'s login or full name holds the search, compared in key form; true without a search. */
    public boolean matches(User user) {
        return search == null || AccountNames.loginKey(user.login()).contains(search)
                || AccountNames.loginKey(user.fullName()).contains(search);
    }

    /**
     * This query's page of {@code users} (in id order): the ones asked for by id, or the matching ones after
     * {@link #after}, at most {@link #limit}, with where the next page starts.
     */
    public UserPage pageOf(List<User> users) {
        if (!ids.isEmpty()) {
            return new UserPage(users.stream().filter(u -> ids.contains(u.id())).limit(limit).toList(), null);
        }
        List<User> matching = users.stream().filter(u -> u.id() > after).filter(this::matches).limit(limit + 1L)
                .toList();
        return UserPage.of(matching, limit);
    }
}
