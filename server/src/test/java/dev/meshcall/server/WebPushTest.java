package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import dev.meshcall.server.push.PushSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Web Push end to end through a real node and a {@link StandInPushService}: a callee with no page open gets one push
 * per ringing call however often the caller re-dials, and a cancellation when the caller hangs up; the caller still
 * gets its {@code unavailable} frame. A subscription the push service calls gone (410) is deleted; a push service
 * that never answers delays no signal and counts as failed after {@code --push-timeout}; a full queue drops pushes.
 * A call that rang by push is known to the node, so its callee may decline it without a page
 * ({@code POST /api/calls/reject}, the service worker's Decline).
 */
class WebPushTest {
    @TempDir
    Path dataDir;
    private StandInPushService pushService;
    private MeshCallServer server;
    private TestHttp http;

    private record User(int id, String token) {
    }

    @BeforeEach
    void start() throws Exception {
        pushService = new StandInPushService();
    }

    private void startServer(PushSettings push) throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir).withSecurity(SecurityConfig.forTest()
                .withWsConnectsPerSecond(1000).withTrafficBudgets(HarnessBudgets.GENEROUS)).withPush(push)).start();
        http = new TestHttp(server.baseUri());
    }

    private static PushSettings testPush() {
        return PushSettings.defaults().withAllowHttpEndpoints(true).withTimeout(Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        pushService.close();
    }

    private User signUp(String login, String fullName) {
        TestHttp.Reply reply = http.post("/api/users", "{\"login\":\"" + login + "\",\"password\":\"" + login
                + "-password\",\"fullName\":\"" + fullName + "\"}", null);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return new User(reply.body().get("id").intValue(), http.login(login, login + "-password"));
    }

    private TestSocket page(User user) {
        return TestSocket.authenticated(http.client, server.webSocketUri(), user.token(), user.id());
    }

    private StandInPushService.Subscription subscribe(User user) throws Exception {
        StandInPushService.Subscription subscription = pushService.subscribe();
        TestHttp.Reply reply = http.post("/api/push/subscriptions", subscription.json(), user.token());
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(201);
        return subscription;
    }

    private static Signal call(User caller, User callee, String session) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.AUDIO).callerId(caller.id())
                .opponentsIds(List.of(callee.id())).sdp("v=0 offer").platform("web").build();
    }

    /** Sends the signal and returns the error frame it got. */
    private static Frame refused(TestSocket page, int to, Signal signal) {
        page.send(Frame.signalTo(to, signal, null));
        Frame error = page.nextIgnoringPresence();
        assertThat(error.code()).as("%s", error).isEqualTo(ErrorCode.UNAVAILABLE);
        return error;
    }

    private double metric(String sample) {
        try {
            return MetricsText.value(http, sample);
        } catch (AssertionError e) {
            return 0;
        }
    }

    @Test
    void anOfflineCalleeGetsOnePushPerRingingCall_andACancelWhenTheCallerHangsUp() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice Liddell");
        User bob = signUp("bob", "Bob");
        StandInPushService.Subscription subscription = subscribe(bob);
        String session = UUID.randomUUID().toString();
        long before = System.currentTimeMillis();

        try (TestSocket alicePage = page(alice)) {
            Frame first = refused(alicePage, bob.id(), call(alice, bob, session));
            assertThat(first.message()).isEqualTo("user " + bob.id()
                    + " is offline; a push notification was queued for them");
            Poll.until("the call's push", Duration.ofSeconds(5), () -> pushService.pushes.size() == 1);
            refused(alicePage, bob.id(), call(alice, bob, session));
            refused(alicePage, bob.id(), call(alice, bob, session));
            Signal hangUp = Signal.builder(SignalType.HANG_UP, session).callerId(alice.id())
                    .opponentsIds(List.of(bob.id())).build();
            refused(alicePage, bob.id(), hangUp);
            Poll.until("the cancellation", Duration.ofSeconds(5), () -> pushService.pushes.size() >= 2);
        }

        assertThat(pushService.problems).isEmpty();
        assertThat(metric("meshcall_push_sent_total")).isEqualTo(2);
        assertThat(pushService.pushes).hasSize(2);
        StandInPushService.Push push = pushService.pushes.get(0);
        assertThat(push.subscription()).isEqualTo("/push/" + subscription.id());
        assertThat(push.payload().get("type").asText()).isEqualTo("call");
        assertThat(push.payload().get("sessionID").asText()).isEqualTo(session);
        assertThat(push.payload().get("callerID").asInt()).isEqualTo(alice.id());
        assertThat(push.payload().get("callerName").asText()).isEqualTo("Alice Liddell");
        assertThat(push.payload().get("callType").asInt()).isEqualTo(2);
        assertThat(push.payload().get("expires").asLong()).isBetween(before + 59_000, System.currentTimeMillis()
                + 60_000);
        assertThat(push.payload().size()).isEqualTo(6);
        assertThat(push.ttl()).isEqualTo("60");
        assertThat(push.urgency()).isEqualTo("high");
        assertThat(push.topic()).matches("[A-Za-z0-9_-]{32}");
        StandInPushService.Push cancel = pushService.pushes.get(1);
        assertThat(cancel.payload().toString()).isEqualTo("{\"type\":\"cancel\",\"sessionID\":\"" + session + "\"}");
        assertThat(cancel.topic()).isEqualTo(push.topic());
    }

    @Test
    void aCalleeDeclinesFromTheNotificationWithoutAPage_andTheCallerHearsIt() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        subscribe(bob);
        String session = UUID.randomUUID().toString();

        try (TestSocket alicePage = page(alice)) {
            refused(alicePage, bob.id(), call(alice, bob, session));
            Poll.until("the call's push", Duration.ofSeconds(5), () -> pushService.pushes.size() == 1);
            TestHttp.Reply declined = http.post("/api/calls/reject", "{\"sessionID\":\"" + session
                    + "\",\"recipientId\":" + alice.id() + ",\"platform\":\"web\"}", bob.token());
            assertThat(declined.status()).as(declined.raw().body()).isEqualTo(204);
            Frame reject = alicePage.nextIgnoringPresence();
            assertThat(reject.from()).isEqualTo(bob.id());
            assertThat(reject.signal().signalType()).isEqualTo(SignalType.REJECT);
            assertThat(reject.signal().sessionId()).isEqualTo(session);
        }
    }

    @Test
    void theUserListSaysWhoACallReachesWithoutAPage() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        subscribe(bob);

        TestHttp.Reply list = http.get("/api/users", alice.token());
        assertThat(list.body().get("users").get(0).get("pushReachable").booleanValue()).as("alice").isFalse();
        assertThat(list.body().get("users").get(1).get("pushReachable").booleanValue()).as("bob").isTrue();
    }

    @Test
    void aCallNobodyWasPushedStaysUnknown_soItCannotBeDeclinedByRest() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        String session = UUID.randomUUID().toString();

        try (TestSocket alicePage = page(alice)) {
            refused(alicePage, bob.id(), call(alice, bob, session));
        }
        TestHttp.Reply declined = http.post("/api/calls/reject", "{\"sessionID\":\"" + session
                + "\",\"recipientId\":" + alice.id() + "}", bob.token());
        assertThat(declined.status()).as(declined.raw().body()).isEqualTo(403);
    }

    @Test
    void aSubscriptionThePushServiceCallsGoneIsDeleted() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        subscribe(bob);
        pushService.answer = 410;

        try (TestSocket alicePage = page(alice)) {
            refused(alicePage, bob.id(), call(alice, bob, UUID.randomUUID().toString()));
            Poll.until("the subscription removed", Duration.ofSeconds(5),
                    () -> metric("meshcall_push_subscriptions_removed_total") == 1);
            Frame next = refused(alicePage, bob.id(), call(alice, bob, UUID.randomUUID().toString()));
            assertThat(next.message()).as("no subscription left to push to").isEqualTo("user " + bob.id()
                    + " is offline");
        }
        assertThat(metric("meshcall_push_sent_total")).isZero();
        assertThat(pushService.problems).isEmpty();
    }

    @Test
    void aPushServiceThatNeverAnswersDelaysNoSignal_andTheTimeoutCountsAsFailed() throws Exception {
        startServer(testPush());
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        User carol = signUp("carol", "Carol");
        subscribe(bob);
        pushService.hang();

        try (TestSocket alicePage = page(alice); TestSocket carolPage = page(carol)) {
            for (int i = 0; i < 3; i++) {
                refused(alicePage, bob.id(), call(alice, bob, UUID.randomUUID().toString()));
            }
            Signal toCarol = call(alice, carol, UUID.randomUUID().toString());
            long start = System.nanoTime();
            alicePage.send(Frame.signalTo(carol.id(), toCarol, null));
            assertThat(carolPage.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(alice.id(), toCarol));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the call to an online user")
                    .isLessThan(Duration.ofMillis(500));
            Poll.until("the pushes timed out", Duration.ofSeconds(10),
                    () -> metric("meshcall_push_failed_total{reason=\"timeout\"}") == 3);
        }
        assertThat(metric("meshcall_push_sent_total")).isZero();
    }

    @Test
    void aFullQueueDropsPushes_andCountsThem() throws Exception {
        startServer(testPush().withQueue(1));
        User alice = signUp("alice", "Alice");
        User bob = signUp("bob", "Bob");
        subscribe(bob);
        pushService.hang();

        try (TestSocket alicePage = page(alice)) {
            int queued = 0;
            for (int i = 0; i < 5; i++) {
                Frame error = refused(alicePage, bob.id(), call(alice, bob, UUID.randomUUID().toString()));
                queued += error.message().contains("push notification") ? 1 : 0;
            }
            assertThat(queued).as("two pushes in flight and one waiting").isEqualTo(3);
        }
        assertThat(metric("meshcall_push_dropped_total{reason=\"queue_full\"}")).isEqualTo(2);
    }
}
