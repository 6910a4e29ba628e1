package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.IceCandidate;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Group calls as a real mesh of up to four, end to end over real sockets against the embedded server
 * ({@code docs/protocol.md}, "Session membership" and "Every device rings"): alice calls bob, carol and dave; the
 * callees offer to each other (higher id to lower) with alice as {@code callerID}; eve, a fifth user, cannot get in,
 * and nobody can change who is in the session. A user's own {@code accept}/{@code reject} reaches that user's other
 * pages.
 */
class MeshSignalingTest {
    @TempDir
    static Path dataDir;
    private static MeshCallServer server;
    private static TestHttp http;
    private static URI ws;
    /** Each user's token, by id. */
    private static final Map<Integer, String> TOKENS = new HashMap<>();
    /** The users, signed up in this order, so the server's ids grow: alice < bob < carol < dave < eve. */
    private static int alice;
    private static int bob;
    private static int carol;
    private static int dave;
    private static int eve;

    @BeforeAll
    static void start() throws Exception {
        server = new MeshCallServer(ServerConfig.forTest(dataDir)
                .withSecurity(SecurityConfig.forTest().withWsConnectsPerSecond(1000)
                        .withTrafficBudgets(HarnessBudgets.GENEROUS))).start();
        http = new TestHttp(server.baseUri());
        ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
        alice = signUp("alice");
        bob = signUp("bob");
        carol = signUp("carol");
        dave = signUp("dave");
        eve = signUp("eve");
        assertThat(List.of(alice, bob, carol, dave, eve)).as("ids in sign-up order").isSorted();
    }

    private static int signUp(String name) {
        int id = http.signUp(name, name + "-password");
        TOKENS.put(id, http.login(name, name + "-password"));
        return id;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestSocket connect(int userId) {
        return TestSocket.authenticated(http.client, ws, TOKENS.get(userId), userId);
    }

    private static Signal call(String session, int caller, Integer... opponents) {
        return Signal.builder(SignalType.CALL, session).callType(CallType.VIDEO).callerId(caller)
                .opponentsIds(List.of(opponents)).sdp("v=0 offer").platform("web").build();
    }

    /** The call of the mesh session: alice with bob, carol and dave. */
    private static Signal meshCall(String session) {
        return call(session, alice, bob, carol, dave);
    }

    private static Signal answer(SignalType type, String session) {
        Signal.Builder builder = Signal.builder(type, session).platform("web");
        if (type == SignalType.ACCEPT) {
            builder.callType(CallType.VIDEO).sdp("v=0 answer");
        }
        return builder.build();
    }

    private static Signal plain(SignalType type, String session) {
        if (type == SignalType.ICE_CANDIDATES) {
            return Signal.builder(type, session).iceCandidates(List.of(
                    new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0))).build();
        }
        return Signal.builder(type, session).build();
    }

    /**
     * Everyone's page open, and alice's call to bob, carol and dave rung on each of theirs: the start of every test
     * here. Alice hangs up and all pages close at the end, as a page ends a call, so that her calls do not stay open
     * against her limit of open sessions.
     */
    private static final class Mesh implements AutoCloseable {
        final String session = UUID.randomUUID().toString();
        final Map<Integer, TestSocket> pages = new HashMap<>();

        Mesh() {
            try {
                for (int user : List.of(alice, bob, carol, dave, eve)) {
                    pages.put(user, connect(user));
                }
                for (int callee : List.of(bob, carol, dave)) {
                    relayed(alice, callee, meshCall(session));
                }
            } catch (RuntimeException | AssertionError e) {
                close();
                throw e;
            }
        }

        TestSocket page(int user) {
            return pages.get(user);
        }

        /** Sends and expects the recipient to get exactly this signal from the sender. */
        void relayed(int from, int to, Signal signal) {
            page(from).send(Frame.signalTo(to, signal, null));
            assertThat(page(to).nextIgnoringPresence()).as("%s from %d to %d", signal.signalType(), from, to)
                    .isEqualTo(Frame.signalFrom(from, signal));
        }

        /** No page got anything it was not expected to read. */
        void nothingElseArrived() {
            for (TestSocket page : pages.values()) {
                page.assertAliveWithNothingPending();
            }
        }

        @Override
        public void close() {
            TestSocket initiator = pages.get(alice);
            if (initiator != null) {
                for (int callee : List.of(bob, carol, dave)) {
                    initiator.send(Frame.signalTo(callee, plain(SignalType.HANG_UP, session), null));
                }
            }
            pages.values().forEach(TestSocket::close);
        }
    }

    @Test
    void calleesOfferToLowerCallees_andEveryLinkOfTheMeshCarriesSignals() {
        try (Mesh mesh = new Mesh()) {
            String s = mesh.session;
            for (int callee : List.of(bob, carol, dave)) {
                mesh.relayed(callee, alice, answer(SignalType.ACCEPT, s));
            }
            mesh.relayed(carol, bob, meshCall(s));
            mesh.relayed(dave, bob, meshCall(s));
            mesh.relayed(dave, carol, call(s, alice, dave, carol, bob));
            mesh.relayed(bob, carol, answer(SignalType.ACCEPT, s));
            mesh.relayed(bob, dave, answer(SignalType.ACCEPT, s));
            mesh.relayed(carol, dave, answer(SignalType.ACCEPT, s));
            mesh.relayed(carol, bob, plain(SignalType.ICE_CANDIDATES, s));
            mesh.relayed(bob, dave, Signal.builder(SignalType.ICE_RESTART, s).sdp("v=0 restart").build());
            mesh.relayed(alice, bob, meshCall(s));
            mesh.nothingElseArrived();
        }
    }

    @Test
    void everyMemberSaysGoodbyeToEveryPeerWithoutAnError() {
        try (Mesh mesh = new Mesh()) {
            List<Integer> members = List.of(alice, bob, carol, dave);
            for (int from : members) {
                for (int to : members) {
                    if (from != to) {
                        mesh.relayed(from, to, plain(SignalType.HANG_UP, mesh.session));
                    }
                }
            }
            mesh.nothingElseArrived();
        }
    }

    /** A refused frame: who sends what to whom, and the error expected ({@code {s}} stands for the session). */
    record Refusal(String name, int from, int to, Function<String, Signal> signal, ErrorCode code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Refusal refusal(String name, int from, int to, Function<String, Signal> signal, ErrorCode code,
            String message) {
        return new Refusal(name, from, to, signal, code, message);
    }

    static Stream<Refusal> refusals() {
        String notAMember = " is not a member of session {s}";
        String changed = "session {s} has members " + List.of(alice, bob, carol, dave) + " (initiator " + alice
                + "): opponentsIDs cannot change";
        String mustNameAlice = "a call of session {s} must name its initiator " + alice + " as callerID";
        List<Refusal> cases = new ArrayList<>(List.of(
                refusal("a fifth user calls a member, naming the initiator", eve, bob,
                        s -> meshCall(s), ErrorCode.FORBIDDEN, "user " + eve + notAMember),
                refusal("a fifth user calls a member, naming itself", eve, bob,
                        s -> call(s, eve, alice, bob, carol), ErrorCode.FORBIDDEN, "user " + eve + notAMember),
                refusal("a fifth user hangs up on a member", eve, carol,
                        s -> plain(SignalType.HANG_UP, s), ErrorCode.FORBIDDEN, "user " + eve + notAMember),
                refusal("a member sends candidates to a fifth user", bob, eve,
                        s -> plain(SignalType.ICE_CANDIDATES, s), ErrorCode.FORBIDDEN, "user " + eve + notAMember),
                refusal("the initiator calls a fifth user", alice, eve,
                        s -> call(s, alice, bob, carol, eve), ErrorCode.FORBIDDEN, "user " + eve + notAMember),
                refusal("a callee swaps a member for the fifth user", carol, bob,
                        s -> call(s, alice, bob, carol, eve), ErrorCode.FORBIDDEN, changed),
                refusal("the initiator re-dials without a member", alice, bob,
                        s -> call(s, alice, bob, carol), ErrorCode.FORBIDDEN, changed),
                refusal("a callee names itself as caller", carol, bob,
                        s -> call(s, carol, alice, bob, dave), ErrorCode.FORBIDDEN, mustNameAlice),
                refusal("a callee names another callee as caller", dave, bob,
                        s -> call(s, carol, alice, bob, dave), ErrorCode.FORBIDDEN, mustNameAlice),
                refusal("a callee calls the initiator", carol, alice,
                        s -> meshCall(s), ErrorCode.BAD_REQUEST, "a call never goes to its initiator " + alice),
                refusal("a new session naming someone else as caller", bob, carol,
                        s -> meshCall("other-" + s), ErrorCode.FORBIDDEN, "session other-{s} is not known, and"
                                + " only its initiator can start it: callerID " + alice + " is not the sender " + bob),
                refusal("a spoofed caller of a new session", eve, bob,
                        s -> call("other-" + s, carol, bob), ErrorCode.FORBIDDEN, "callerID " + carol
                                + " is not the sender " + eve)));
        // The frame codec itself refuses a fourth opponent (bad_request), so a session can never be called with
        // five people in the first place.
        cases.add(refusal("four opponents", alice, bob, s -> null, ErrorCode.BAD_REQUEST, "opponentsIDs"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatWouldBreakTheMesh_andNothingElseBreaks(Refusal refusal) {
        try (Mesh mesh = new Mesh()) {
            String s = mesh.session;
            int to = refusal.to();
            TestSocket sender = mesh.page(refusal.from());
            Signal signal = refusal.signal().apply(s);
            if (signal == null) {
                sender.sendText("{\"op\":\"signal\",\"to\":" + to + ",\"ref\":\"r\",\"signal\":{\"signalType\":"
                        + "\"call\",\"sessionID\":\"" + s + "\",\"callType\":1,\"callerID\":" + alice
                        + ",\"opponentsIDs\":[" + bob + "," + carol + "," + dave + "," + eve + "],\"sdp\":\"v=0\"}}");
            } else {
                sender.send(Frame.signalTo(to, signal, "r"));
            }

            Frame error = sender.nextIgnoringPresence();
            assertThat(error.op()).isEqualTo(Op.ERROR);
            assertThat(error.code()).as(error.message()).isEqualTo(refusal.code());
            assertThat(error.message()).contains(refusal.message().replace("{s}", s));
            assertThat(error.ref()).isEqualTo("r");
            mesh.nothingElseArrived();

            mesh.relayed(carol, bob, meshCall(s));
            mesh.relayed(bob, carol, answer(SignalType.ACCEPT, s));
            mesh.relayed(dave, alice, plain(SignalType.ICE_CANDIDATES, s));
        }
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"ACCEPT, the initiator", "REJECT, the initiator", "ACCEPT, a callee", "REJECT, a callee"})
    void everyPageOfACalleeRings_andItsOwnAnswerStopsTheOthers(SignalType type, String recipient) {
        try (Mesh mesh = new Mesh(); TestSocket bobsPhone = connect(bob)) {
            String s = mesh.session;
            TestSocket bobsLaptop = mesh.page(bob);
            mesh.page(alice).send(Frame.signalTo(bob, meshCall(s), null));
            assertThat(bobsLaptop.nextIgnoringPresence()).as("re-dial rings the laptop")
                    .isEqualTo(Frame.signalFrom(alice, meshCall(s)));
            assertThat(bobsPhone.nextIgnoringPresence()).as("and the phone").isEqualTo(Frame.signalFrom(alice,
                    meshCall(s)));
            int to = alice;
            if (recipient.equals("a callee")) {
                mesh.relayed(carol, bob, meshCall(s));
                assertThat(bobsPhone.nextIgnoringPresence()).isEqualTo(Frame.signalFrom(carol, meshCall(s)));
                to = carol;
            }

            Signal answer = answer(type, s);
            bobsLaptop.send(Frame.signalTo(to, answer, null));

            assertThat(mesh.page(to).nextIgnoringPresence()).isEqualTo(Frame.signalFrom(bob, answer));
            assertThat(bobsPhone.nextIgnoringPresence()).as("bob's own answer, so the phone stops ringing")
                    .isEqualTo(Frame.signalFrom(bob, answer));
            mesh.nothingElseArrived();
            bobsPhone.assertAliveWithNothingPending();
        }
    }
}
