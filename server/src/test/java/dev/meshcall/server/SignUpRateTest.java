package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.http.SignUpPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-up floods (issue 12, item 5): one address created 26 accounts a second, and a normal login took 1.3 s
 * meanwhile. Now each address may sign up {@code --signup-rate} times a minute (default
 * {@value SignUpPolicy#DEFAULT_PER_ADDRESS_PER_MINUTE}, bursts of as many); past that it gets 429
 * {@code rate_limited} with {@code Retry-After}, before its body is read or a password hashed, and a normal user's
 * sign-in, {@code ready} and {@code ping} answer within a second while the flood goes on. Before the fix every
 * sign-up of the flood was created.
 */
class SignUpRateTest {
    private static final int ATTACKERS = 4;
    private static final int MAX_ATTEMPTS = 400;
    private static final Duration FLOOD_FOR = Duration.ofSeconds(3);

    @TempDir
    Path dataDir;
    private MeshCallServer server;
    private final ExecutorService flood = Executors.newFixedThreadPool(ATTACKERS);

    @AfterEach
    void stop() {
        flood.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBurstOfSignUpsFromOneAddressIsRefusedPastTheLimit_whileANormalUserIsServedPromptly() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(SecurityConfig.forTest()
                .withSignUp(SignUpPolicy.defaults()))).start();
        NormalUser normal = new NormalUser(server, "normal", "normal-password");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        List<String> unexpected = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        long deadline = System.nanoTime() + FLOOD_FOR.toNanos();
        List<Future<?>> attackers = new ArrayList<>();
        for (int t = 0; t < ATTACKERS; t++) {
            attackers.add(flood.submit(() -> {
                while (running.get() && System.nanoTime() < deadline) {
                    int n = attempts.incrementAndGet();
                    if (n > MAX_ATTEMPTS) {
                        break;
                    }
                    HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(server.baseUri()
                            + "api/users")).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"bot" + n
                                    + "\",\"password\":\"bot-password\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (reply.statusCode() == 201) {
                        created.incrementAndGet();
                    } else if (reply.statusCode() == 429 && reply.body().contains("\"rate_limited\"")
                            && reply.body().contains("too many sign-ups from this address")
                            && reply.headers().firstValue("Retry-After").orElse("").equals("12")) {
                        limited.incrementAndGet();
                    } else {
                        synchronized (unexpected) {
                            unexpected.add(reply.statusCode() + " " + reply.headers().map() + " " + reply.body());
                        }
                    }
                }
                return null;
            }));
        }
        Poll.until("the flood under way", Duration.ofSeconds(2), () -> limited.get() > 20);
        normal.assertServedPromptly("a sign-up flood");
        running.set(false);
        for (Future<?> attacker : attackers) {
            attacker.get();
        }

        assertThat(unexpected).as("answers other than 201 or 429 rate_limited with Retry-After: 12").isEmpty();
        // A burst of 5, less the normal user's sign-up, and at most one more refilled in the seconds of the flood.
        assertThat(created.get()).as("sign-ups created out of %d", attempts.get()).isBetween(4, 5);
        assertThat(limited.get()).as("sign-ups refused").isGreaterThan(20);
    }
}
