package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.Closeables;
import dev.meshcall.server.relay.xmpp.Prosody;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Interop with the seed system's own browser SDK (npm {@code connectycube} 6.1.2, its {@code connectycube.min.js}
 * unchanged): one Chromium runs it, logged in straight to a test Prosody over XMPP-over-WebSocket on loopback (only
 * its chat endpoint is configured: no API, no cloud, no STUN/TURN of its own); the others run MeshCall pages on a
 * MeshCall node in XMPP mode on the same Prosody (docs/xmpp.md). Calls go both ways with video decoded on both sides;
 * reject and hang-up arrive both ways; the SDK's re-dials ring a MeshCall page once; and the SDK's debug log never
 * says it dropped a candidate ({@code Ignore 'OnIceCandidates', the session … has invalid state}, which it logs for
 * candidates that arrive while its user has not accepted yet).
 */
class SeedSdkInteropIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    /** The SDK user's id; their XMPP account is {@code 30001-1@localhost}, as the SDK builds it from id and app id. */
    private static final int SEED_USER = 30_001;
    /** Alice's id: she shares a roster group with the SDK user on Prosody (docs/xmpp.md), so she sees them online. */
    private static final int ALICE = 30_002;
    /** What the SDK logs when it drops ICE candidates ({@code Ignore 'OnIceCandidates'…}, two spellings). */
    private static final String DROPPED_CANDIDATES = "OnIceCandidates";
    private static final Duration REDIAL_WAIT = Duration.ofSeconds(15);

    static Prosody prosody;
    static TestServer node;
    static SeedSdkPage sdkPage;
    static Participant alice;
    static Participant bob;
    /** The user of the seed's SDK. */
    static Participant cube;

    @BeforeAll
    static void prosodyWithWebSocket_aMeshCallNode_andTheSeedSdksPage() {
        prosody = Prosody.startWithWebSocket(SEED_USER + "-1", ALICE + "-1");
        node = new TestServer(UnaryOperator.identity(), prosody);
        sdkPage = SeedSdkPage.start();
        List<Browser> browsers = env.browsers().start("alice", "bob", "cube");
        Account aliceAccount = new Account(ALICE, Integer.toString(ALICE), "pw-" + ALICE, "Alice Tester");
        prosody.register(ALICE + "-1", aliceAccount.password());
        alice = Participant.onHarness("alice", browsers.get(0), node, aliceAccount);
        bob = Participant.onHarness("bob", browsers.get(1), node);
        Account account = new Account(SEED_USER, Integer.toString(SEED_USER), "pw-" + SEED_USER, "Cube Tester");
        prosody.register(SEED_USER + "-1", account.password());
        cube = Participant.onSeedSdk("cube", browsers.get(2), node, account, sdkPage.url());
    }

    @AfterAll
    static void stop() {
        Closeables.closeAll(sdkPage, node, prosody);
    }

    /** After every scenario: the SDK never dropped a candidate MeshCall sent it. */
    @AfterEach
    void theSdkDroppedNoCandidate() {
        assertThat(sdkLogLines(cube, DROPPED_CANDIDATES)).as("the seed SDK's log lines about dropped candidates")
                .noneMatch(line -> line.contains("Ignore"));
    }

    /**
     * The seed SDK's {@code ConnectyCube.init(credentials, config)}: app id 1 (MeshCall's default, so JIDs are
     * {@code <id>-1@localhost}), Prosody's WebSocket as the chat endpoint, no ICE servers (the defaults are public
     * STUN/TURN hosts), an API host on a closed loopback port (nothing calls it), its debug log on.
     */
    static Map<String, Object> sdkSetup() {
        return Map.of(
                "credentials", Map.of("appId", 1, "authKey", "unused: no REST API call is made"),
                "config", Map.of(
                        "endpoints", Map.of("api", "127.0.0.1:9", "chat", Prosody.DOMAIN,
                                "chat_url", prosody.webSocketUrl()),
                        "videochat", Map.of("iceServers", List.of()),
                        "debug", Map.of("mode", 1)));
    }

    /**
     * The SDK sends only broadcast presence (no directed presence before it signals): it reaches Alice because the
     * service gives the two of them a shared roster group, and her page sees the SDK user come and go.
     */
    @Test
    void theSdkUserShowsOnlineAndOfflineOnMeshCallsPage_throughASharedRosterGroup() {
        alice.signIn();
        cube.signIn(sdkSetup());
        alice.waitForEvent("onPresenceListener", e -> cube.account().idText().equals(e.userId())
                && Boolean.TRUE.equals(e.get("online")));
        cube.disconnectChat();
        alice.waitForEvent("onPresenceListener", e -> cube.account().idText().equals(e.userId())
                && Boolean.FALSE.equals(e.get("online")));
    }

    @Test
    void meshCallCallsTheSdk_videoBothWays_andMeshCallsHangUpArrives() {
        alice.signIn();
        cube.signIn(sdkSetup());

        alice.call(cube, VIDEO);
        cube.waitForIncomingCall(alice);
        cube.accept();

        alice.waitForConnectedTo(cube);
        cube.waitForConnectedTo(alice);
        bothSeeAndHear(alice, cube);
        alice.usesLoopbackPathWith(cube);

        alice.hangUp();
        cube.waitForEvent("onStopCallListener", alice);
        cube.waitForEvent("onSessionCloseListener");
    }

    @Test
    void theSdkCallsMeshCall_itsRedialsRingOnce_videoBothWays_andTheSdksHangUpArrives() {
        alice.signIn();
        cube.signIn(sdkSetup());

        String session = cube.call(alice, VIDEO);
        alice.waitForIncomingCall(cube);
        // The SDK sends its call again every dialingTimeInterval (5 s) until it is answered: still one ringing call.
        Poll.until("the seed SDK dialled twice", REDIAL_WAIT, () -> sentCalls(cube) >= 2);
        assertThat(alice.events("onCallListener")).as("alice rang once for both dials").hasSize(1);
        assertThat(alice.currentSessionId()).isEqualTo(session);
        alice.accept();

        alice.waitForConnectedTo(cube);
        cube.waitForConnectedTo(alice);
        bothSeeAndHear(alice, cube);
        cube.usesLoopbackPathWith(alice);
        assertThat(alice.events("onCallListener")).as("alice rang once in all").hasSize(1);

        cube.hangUp();
        alice.waitForEvent("onStopCallListener", cube);
        alice.waitForEvent("onSessionCloseListener");
    }

    @Test
    void theSdkRejectsMeshCallsCall() {
        alice.signIn();
        cube.signIn(sdkSetup());

        alice.call(cube, VIDEO);
        cube.waitForIncomingCall(alice);
        cube.reject(Map.of("reason", "busy here"));

        Event rejected = alice.waitForEvent("onRejectCallListener", cube);
        assertThat(rejected.extension()).containsEntry("reason", "busy here");
        alice.waitForEvent("onSessionCloseListener");
    }

    @Test
    void meshCallRejectsTheSdksCall() {
        alice.signIn();
        cube.signIn(sdkSetup());

        cube.call(alice, VIDEO);
        alice.waitForIncomingCall(cube);
        alice.reject(Map.of("reason", "later"));

        Event rejected = cube.waitForEvent("onRejectCallListener", alice);
        assertThat(rejected.extension()).containsEntry("reason", "later");
        cube.waitForEvent("onSessionCloseListener");
    }

    /**
     * A group call from a MeshCall page to another MeshCall page and the SDK: a mesh of three links, the one between
     * the two callees offered by the SDK (the higher id offers, in both systems).
     */
    @Test
    void meshCallCallsAnotherMeshCallPageAndTheSdk_aMeshOfThree_everyoneSeesEveryone() {
        alice.signIn();
        bob.signIn();
        cube.signIn(sdkSetup());

        alice.call(List.of(bob, cube), VIDEO, Map.of());
        bob.waitForIncomingCall(alice);
        cube.waitForIncomingCall(alice);
        bob.accept();
        cube.accept();

        everyoneSeesEveryone(alice, bob, cube);

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
        cube.waitForEvent("onStopCallListener", alice);
        // The SDK ends its whole session when the initiator hangs up; Bob leaves too.
        bob.hangUp();
        bob.waitForEvent("onSessionCloseListener");
        cube.waitForEvent("onSessionCloseListener");
    }

    /** The reverse: the SDK calls two MeshCall pages, which link to each other (the higher id, Bob, offers). */
    @Test
    void theSdkCallsTwoMeshCallPages_aMeshOfThree_everyoneSeesEveryone() {
        alice.signIn();
        bob.signIn();
        cube.signIn(sdkSetup());

        cube.call(List.of(alice, bob), VIDEO, Map.of());
        alice.waitForIncomingCall(cube);
        bob.waitForIncomingCall(cube);
        alice.accept();
        bob.accept();

        everyoneSeesEveryone(alice, bob, cube);

        cube.hangUp();
        alice.waitForEvent("onStopCallListener", cube);
        bob.waitForEvent("onStopCallListener", cube);
        cube.waitForEvent("onSessionCloseListener");
        // Alice and Bob still have their own link; Alice's hang-up ends it, and with it Bob's session.
        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
        alice.waitForEvent("onSessionCloseListener");
        bob.waitForEvent("onSessionCloseListener");
    }

    private static void everyoneSeesEveryone(Participant... people) {
        for (Participant one : people) {
            for (Participant other : people) {
                if (one != other) {
                    one.waitForConnectedTo(other);
                }
            }
        }
        for (Participant one : people) {
            for (Participant other : people) {
                if (one != other) {
                    one.seesVideoFrom(other);
                }
            }
        }
    }

    /** Video decoded and audio received, each way (getStats on both pages). */
    private static void bothSeeAndHear(Participant a, Participant b) {
        a.seesVideoFrom(b);
        b.seesVideoFrom(a);
        a.hearsAudioFrom(b);
        b.hearsAudioFrom(a);
    }

    /** How many {@code call} stanzas the SDK has sent (its debug log shows every stanza it writes). */
    private static long sentCalls(Participant sdkUser) {
        return sdkLogLines(sdkUser, "SENT:").stream()
                .filter(line -> line.contains("<signalType>call</signalType>")).count();
    }

    private static List<String> sdkLogLines(Participant sdkUser, String part) {
        return sdkUser.browser().jsList("return h.logLines(arguments[0]);", part).stream()
                .map(String::valueOf).toList();
    }
}
