package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The user list in pages (issue 12, item 5): {@code GET /api/users} answered every account at once (79 KB at 420
 * users), and the page fetched it whole again for every presence of a user it did not know. Now it answers a page
 * of at most {@code --max-users-per-page} (default 100) with {@code next}, searches with {@code q}, and answers just
 * the users named by {@code id}; a normal user is served promptly while clients fetch pages in a loop. Before the
 * fix the first request answered all 230 users, without {@code next}, and ignored {@code q}, {@code limit} and
 * {@code id}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserListPagesTest {
    private static final int USERS = 230;

    @TempDir
    static Path dataDir;
    private MeshCallServer server;
    private TestHttp http;
    private String token;
    private NormalUser normal;

    @BeforeAll
    void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)).start();
        http = new TestHttp(server.baseUri());
        normal = new NormalUser(server, "normal", "normal-password");
        for (int i = 2; i <= USERS; i++) {
            String login = i == 42 ? "Zed.Fox" : "user" + i;
            TestHttp.Reply reply = http.post("/api/users", "{\"login\":\"" + login + "\",\"password\":\"a-password\""
                    + (i == 77 ? ",\"fullName\":\"Ｚｏë Ａdams\"" : "") + "}", null);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        }
        token = http.login("normal", "normal-password");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode get(String query) {
        TestHttp.Reply reply = http.get("/api/users" + query, token);
        assertThat(reply.status()).as(query + ": " + reply.raw().body()).isEqualTo(200);
        return reply.body();
    }

    private static List<Integer> ids(JsonNode page) {
        List<Integer> ids = new ArrayList<>();
        page.get("users").forEach(u -> ids.add(u.get("id").asInt()));
        return ids;
    }

    @Test
    void answersAPageOfAtMostOneHundredByDefault_andTheRestByNext() {
        JsonNode first = get("");
        assertThat(ids(first)).hasSize(100).startsWith(1, 2).endsWith(100);
        assertThat(first.get("next").asInt()).isEqualTo(100);
        assertThat(first.get("users").get(0).get("login").asText()).isEqualTo("normal");
        assertThat(first.get("users").get(0).has("online")).isTrue();

        List<Integer> all = new ArrayList<>(ids(first));
        JsonNode page = first;
        while (!page.get("next").isNull()) {
            page = get("?after=" + page.get("next").asInt());
            all.addAll(ids(page));
        }
        assertThat(all).hasSize(USERS).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void takesASmallerLimit() {
        JsonNode page = get("?limit=10&after=20");
        assertThat(ids(page)).containsExactly(21, 22, 23, 24, 25, 26, 27, 28, 29, 30);
        assertThat(page.get("next").asInt()).isEqualTo(30);
        assertThat(get("?limit=10&after=225").get("next").isNull()).isTrue();
    }

    @Test
    void searchesLoginsAndFullNamesInAnyCaseAndWidth() {
        assertThat(ids(get("?q=ZED"))).containsExactly(42);
        assertThat(ids(get("?q=fox"))).containsExactly(42);
        assertThat(ids(get("?q=%EF%BC%BAo%C3%AB"))).as("fullwidth Ｚ, then oë").containsExactly(77);
        assertThat(ids(get("?q=adams"))).containsExactly(77);
        JsonNode page = get("?q=user1&limit=5");
        assertThat(ids(page)).containsExactly(10, 11, 12, 13, 14);
        assertThat(ids(get("?q=user1&limit=5&after=" + page.get("next").asInt()))).containsExactly(15, 16, 17, 18,
                19);
        assertThat(ids(get("?q=%25"))).as("a % is a character, not a wildcard").isEmpty();
        assertThat(ids(get("?q=_"))).as("an _ is a character, not a wildcard").isEmpty();
    }

    @Test
    void answersJustTheUsersNamedById() {
        JsonNode page = get("?id=77,3,9999,42");
        assertThat(ids(page)).containsExactly(3, 42, 77);
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.get("users").get(1).get("login").asText()).isEqualTo("zed.fox");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "?limit=0|limit must be a whole number from 1 to 100, not '0'",
        "?limit=101|limit must be a whole number from 1 to 100, not '101'",
        "?after=-1|after must be a whole number from 0 to 2147483647, not '-1'",
        "?after=x|after must be a whole number from 0 to 2147483647, not 'x'",
        "?id=1,,2|id must be user ids from 1 separated by commas, not ''",
        "?id=1&q=a|id cannot be combined with q, limit or after",
        "?page=2|unknown parameter 'page'; GET /api/users takes q, limit, after or id",
        "?q=a&q=b|parameter 'q' is given more than once",
    })
    void refusesABadQueryNamingTheParameter(String query, String message) {
        TestHttp.Reply reply = http.get("/api/users" + query, token);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).isEqualTo(message);
    }

    @Test
    void refusesMoreIdsThanAPage() {
        StringBuilder ids = new StringBuilder("1");
        for (int i = 2; i <= 101; i++) {
            ids.append(',').append(i);
        }
        TestHttp.Reply reply = http.get("/api/users?id=" + ids, token);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).isEqualTo("id names more than 100 users; ask in pages");
    }

    /** Clients fetching pages in a loop cost each a bounded answer: a normal user is served promptly meanwhile. */
    @Test
    void aNormalUserIsServedPromptlyWhileClientsFetchTheListInALoop() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger fetched = new AtomicInteger();
        List<Future<?>> fetchers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try {
            for (int t = 0; t < 4; t++) {
                fetchers.add(pool.submit(() -> {
                    while (running.get() && System.nanoTime() < deadline && fetched.incrementAndGet() < 2000) {
                        TestHttp.Reply reply = http.get("/api/users", token);
                        assertThat(reply.raw().body().length()).as("one page's bytes").isLessThan(12_000);
                    }
                    return null;
                }));
            }
            Poll.until("the list fetched in a loop", Duration.ofSeconds(3), () -> fetched.get() > 20);
            normal.assertServedPromptly("clients fetching the user list in a loop");
        } finally {
            running.set(false);
            for (Future<?> fetcher : fetchers) {
                fetcher.get();
            }
            pool.shutdownNow();
        }
    }
}
