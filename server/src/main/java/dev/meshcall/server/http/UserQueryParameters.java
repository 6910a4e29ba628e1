package dev.meshcall.server.http;

import dev.meshcall.server.auth.AccountNames;
import dev.meshcall.server.auth.UserQuery;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code GET /api/users} ({@code docs/protocol.md}, "REST"): {@code q} searches logins and full names
 * (in any case, after NFKC), {@code limit} caps the page (at most, and by default, the node's page size),
 * {@code after} is the {@code next} of the previous page; or {@code id=1,2,3} asks for just those users. Anything
 * out of shape is 400 naming the parameter.
 */
final class UserQueryParameters {
    /** Longest search, in code points. */
    static final int MAX_SEARCH = 64;
    private static final Set<String> KNOWN = Set.of("q", "limit", "after", "id");

    private UserQueryParameters() {
    }

    static UserQuery read(Map<String, Deque<String>> parameters, int maxPerPage) {
        for (Map.Entry<String, Deque<String>> parameter : parameters.entrySet()) {
            if (!KNOWN.contains(parameter.getKey())) {
                throw ApiException.badRequest("unknown parameter '" + parameter.getKey() + "'; GET /api/users takes"
                        + " q, limit, after or id");
            }
            if (parameter.getValue().size() > 1) {
                throw ApiException.badRequest("parameter '" + parameter.getKey() + "' is given more than once");
            }
        }
        String ids = value(parameters, "id");
        if (ids != null) {
            if (parameters.size() > 1) {
                throw ApiException.badRequest("id cannot be combined with q, limit or after");
            }
            return new UserQuery(null, 0, maxPerPage, ids(ids, maxPerPage));
        }
        int limit = number(parameters, "limit", 1, maxPerPage, maxPerPage);
        int after = number(parameters, "after", 0, Integer.MAX_VALUE, 0);
        String q = value(parameters, "q");
        String search = q == null ? null : AccountNames.loginKey(q).strip();
        if (search != null && search.codePointCount(0, search.length()) > MAX_SEARCH) {
            throw ApiException.badRequest("q must be at most " + MAX_SEARCH + " characters");
        }
        return new UserQuery(search == null || search.isEmpty() ? null : search, after, limit, List.of());
    }

    private static String value(Map<String, Deque<String>> parameters, String name) {
        Deque<String> values = parameters.get(name);
        return values == null ? null : values.peekFirst();
    }

    private static int number(Map<String, Deque<String>> parameters, String name, int min, int max, int absent) {
        String value = value(parameters, name);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", not '"
                + abbreviate(value) + "'");
    }

    private static List<Integer> ids(String value, int max) {
        List<Integer> ids = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            if (ids.size() == max) {
                throw ApiException.badRequest("id names more than " + max + " users; ask in pages");
            }
            try {
                int id = Integer.parseInt(part.trim());
                if (id >= 1) {
                    ids.add(id);
                    continue;
                }
            } catch (NumberFormatException e) {
                // Said below.
            }
            throw ApiException.badRequest("id must be user ids from 1 separated by commas, not '" + abbreviate(part)
                    + "'");
        }
        return ids;
    }

    private static String abbreviate(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "…" : value;
    }
}
