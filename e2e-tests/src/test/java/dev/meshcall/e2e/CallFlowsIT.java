package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.AUDIO;
import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call flows through the SDK's JavaScript API (docs/js-api.md) on the harness page: two people, one Chromium each,
 * reused by every scenario; each scenario starts from a freshly loaded, connected page.
 */
class CallFlowsIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void people() {
        List<Participant> people = env.onHarness("alice", "bob");
        alice = people.get(0);
        bob = people.get(1);
    }

    @BeforeEach
    void bothSignIn() {
        alice.signIn();
        bob.signIn();
    }

    @Test
    void aVideoCallConnectsAndMediaFlowsBothWaysOverLoopback() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();

        Figures.acceptToConnected("sdk-video", alice, bob);
        assertThat(alice.connectionStateFor(bob)).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(bob.connectionStateFor(alice)).isEqualTo(PeerConnectionState.CONNECTED);
        alice.seesAndHearsEachOther(bob);
        alice.usesLoopbackPathWith(bob);
        eachGetsOneRemoteStreamWithVideoAndAudio();

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void aliceMutes_bobHearsSilenceAndIsToldSo_andUnmutingBringsBothBack() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
        // played unmuted (the browsers run with --mute-audio): Chromium measures the energy of audio it plays out
        bob.browser().js("var el = document.getElementById(arguments[0]);"
                + " window.session.attachMediaStream(el.id, el.srcObject);",
                "remote-video-" + alice.account().idText());
        bob.hearsSoundFrom(alice);

        alice.browser().js("window.session.mute('audio');");
        Event muted = bob.waitForEvent("onRemoteMuteListener", alice);
        assertThat(muted.get("kind")).isEqualTo("audio");
        assertThat(muted.get("muted")).isEqualTo(true);
        bob.hearsSilenceFrom(alice);

        bob.clearEvents();
        alice.browser().js("window.session.unmute('audio');");
        Event unmuted = bob.waitForEvent("onRemoteMuteListener", alice);
        assertThat(unmuted.get("muted")).isEqualTo(false);
        bob.hearsSoundFrom(alice);
        assertThat(bob.events("onRemoteMuteListener")).as("one event per change").hasSize(1);

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void bobDeclinesWithoutTheSessionObject_callRejectRequest_andAliceHearsIt_whileBadRequestsAreRefused() {
        String id = alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);

        assertThat(rejectRequest(bob, Map.of("sessionID", UUID.randomUUID().toString(),
                "recipientId", alice.account().id(), "platform", "web"))).as("a session Bob is not in")
                .containsKey("error").extractingByKey("error").asString().contains("(403)");
        assertThat(rejectRequest(bob, Map.of("recipientId", alice.account().id()))).as("no sessionID")
                .extractingByKey("error").asString().contains("(400)").contains("sessionID");
        assertThat(alice.events("onRejectCallListener")).as("nothing reached Alice").isEmpty();

        assertThat(rejectRequest(bob, Map.of("sessionID", id, "recipientId", alice.account().id(),
                "platform", "web"))).containsEntry("ok", true);
        alice.waitForEvent("onRejectCallListener", bob);
        alice.waitForEvent("onSessionCloseListener");
    }

    /** {@code videochat.callRejectRequest(params)} on {@code who}'s page: {ok: true}, or {error: message}. */
    private static Map<String, Object> rejectRequest(Participant who, Map<String, Object> params) {
        return who.browser().jsMap("return MeshCall.videochat.callRejectRequest(arguments[0]).then(function () {"
                + " return {ok: true}; }, function (e) { return {error: e.message}; });", params);
    }

    @Test
    void bobRejects_aliceHearsItWithBobsExtension() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.reject(Map.of("reason", "in a meeting"));

        Event rejected = alice.waitForEvent("onRejectCallListener", bob);
        assertThat(rejected.extension()).containsEntry("reason", "in a meeting");
        assertThat(rejected.extension().get("busy")).as("a rejection by hand is not 'busy'").isNotEqualTo(true);
        alice.waitForEvent("onSessionCloseListener");
    }

    @Test
    void aliceHangsUp_bobHearsItWithAlicesExtension_andBothSessionsCloseWithCameraAndMicrophoneOff() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
        assertThat(alice.liveLocalTrackCount()).as("Alice's live local tracks in the call").isEqualTo(2);
        assertThat(bob.liveLocalTrackCount()).as("Bob's live local tracks in the call").isEqualTo(2);

        alice.hangUp(Map.of("reason", "see you"));

        Event stopped = bob.waitForEvent("onStopCallListener", alice);
        assertThat(stopped.extension()).containsEntry("reason", "see you");
        alice.waitForEvent("onSessionCloseListener");
        bob.waitForEvent("onSessionCloseListener");
        assertThat(alice.liveLocalTrackCount()).as("Alice's live local tracks once her session closed").isZero();
        assertThat(bob.liveLocalTrackCount()).as("Bob's live local tracks once his session closed").isZero();
    }

    @Test
    void aliceCancelsWhileBobsPhoneRings_bobStopsRinging() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);

        alice.hangUp(Map.of("reason", "wrong number"));

        Event stopped = bob.waitForEvent("onStopCallListener", alice);
        assertThat(stopped.extension()).containsEntry("reason", "wrong number");
        bob.waitForEvent("onSessionCloseListener");
        assertThat(bob.events("onAcceptCallListener")).isEmpty();
    }

    @Test
    void bobDoesNotAnswer_aliceIsToldAfterTheAnswerTime() {
        alice.signIn(Map.of("videochat", Map.of("answerTimeInterval", 3)));
        long start = System.currentTimeMillis();
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);

        Event notAnswered = alice.waitForEvent("onUserNotAnswerListener", bob);

        double after = notAnswered.time() - start;
        Figures.print("no-answer-after", "answerTimeInterval=3s", "caller", after);
        assertThat(after).as("ms from call to onUserNotAnswerListener").isBetween(2_500.0, 10_000.0);
        assertThat(alice.events("onAcceptCallListener")).isEmpty();
    }

    @Test
    void anAudioOnlyCallHasNoVideoTrackAndAudioFlows() {
        alice.call(bob, AUDIO);
        Event incoming = bob.waitForIncomingCall(alice);
        assertThat(((Number) incoming.get("callType")).intValue()).as("callType of the incoming session").isEqualTo(2);
        bob.accept();

        Figures.acceptToConnected("sdk-audio", alice, bob);
        Event aliceGot = alice.waitForEvent("onRemoteStreamListener", bob);
        Event bobGot = bob.waitForEvent("onRemoteStreamListener", alice);
        assertThat(aliceGot.get("videoTracks")).as("video tracks of Bob's stream at Alice").isEqualTo(0L);
        assertThat(bobGot.get("videoTracks")).as("video tracks of Alice's stream at Bob").isEqualTo(0L);
        assertThat((Long) aliceGot.get("audioTracks")).isPositive();
        assertThat((Long) bobGot.get("audioTracks")).isPositive();
        alice.hearsAudioFrom(bob);
        bob.hearsAudioFrom(alice);
        assertThat(alice.stats(bob).inboundCount("video")).as("inbound video streams at Alice").isZero();

        bob.hangUp();
        alice.waitForEvent("onStopCallListener", bob);
    }

    @Test
    void theCallersExtensionArrivesWithTheCall() {
        // userInfo is flat on the wire (docs/protocol.md): strings, numbers, booleans
        Map<String, Object> extension = Map.of(
                "topic", "quarterly numbers",
                "priority", 2,
                "urgent", true);

        alice.call(List.of(bob), VIDEO, extension);

        Event incoming = bob.waitForIncomingCall(alice);
        assertThat(incoming.extension())
                .containsEntry("topic", "quarterly numbers")
                .containsEntry("priority", 2L)
                .containsEntry("urgent", true);
        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void aNestedExtensionIsRefusedThroughTheCallCallbackNamingTheField() {
        // userInfo is flat on the wire; the seed's call(extension, callback) reports the error to the callback
        alice.call(List.of(bob), VIDEO, Map.of("meta", Map.of("room", "blue")));

        Event refused = alice.waitForEvent("callCallback");
        assertThat((String) refused.get("error")).contains("meta");
        assertThat(bob.events("onCallListener")).as("Bob is not rung with a refused extension").isEmpty();
        alice.hangUp();
    }

    @Test
    void theSameTwoPeopleCallThreeTimesInARowWithoutReloading() {
        Set<String> sessions = new HashSet<>();
        for (int call = 1; call <= 3; call++) {
            alice.clearEvents();
            bob.clearEvents();

            sessions.add(alice.call(bob, VIDEO));
            bob.waitForIncomingCall(alice);
            bob.accept();
            Figures.acceptToConnected("sdk-repeat-" + call, alice, bob);
            alice.seesVideoFrom(bob);
            bob.seesVideoFrom(alice);

            (call % 2 == 1 ? alice : bob).hangUp();
            alice.waitForEvent("onSessionCloseListener");
            bob.waitForEvent("onSessionCloseListener");
        }
        assertThat(sessions).as("three distinct session ids").hasSize(3);
    }

    @Test
    void aFailingGetUserMediaKeepsTheBrowsersErrorNameAndMessage() {
        alice.browser().js("return h.createSession([arguments[0]], MeshCall.videochat.CallType.VIDEO, {});",
                bob.account().id());

        Map<String, Object> result = alice.browser().jsMap("return h.getUserMedia(arguments[0]);",
                Map.of("video", Map.of("width", Map.of("exact", 99_999)), "audio", false));

        assertThat((String) result.get("error")).as("the rejection of session.getUserMedia")
                .startsWith("OverconstrainedError");
    }

    @Test
    void creatingASessionWithYourselfAsCalleeThrowsNamingTheCause() {
        String error = alice.createSessionError(List.of(alice.account().id()), VIDEO)
                .orElseThrow(() -> new AssertionError("createNewSession([own id]) did not throw"));

        assertThat(error).as("the Error createNewSession threw").isNotBlank();
        assertThat(error.toLowerCase()).containsAnyOf("yourself", "current user", "own", alice.account().idText());
    }

    // ---------------------------------------------------------------- shared checks

    /**
     * Every value an app reads off the session and the SDK has the JavaScript type the seed's SDK gives (issue 15's
     * audit, docs/js-api.md "The seed's API, name by name"): what an app written for it compares or awaits works.
     */
    @Test
    void theValuesAnAppReadsHaveTheSeedSdksJavaScriptTypes() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);

        @SuppressWarnings("unchecked")
        Map<String, Object> types = (Map<String, Object>) bob.browser().driver().executeAsyncScript("""
                var done = arguments[arguments.length - 1], caller = arguments[0], s = window.session;
                var vc = MeshCall.videochat, out = {};
                out.ID = typeof s.ID; out.initiatorID = typeof s.initiatorID;
                out.currentUserID = typeof s.currentUserID; out.callType = typeof s.callType;
                out.state = typeof s.state; out.maxBandwidth = typeof s.maxBandwidth;
                out.opponentsIDs = Array.isArray(s.opponentsIDs);
                out.connectedPeer = s.connectionStateForUser(caller) === vc.PeerConnectionState.CONNECTED;
                out.unknownPeer = s.connectionStateForUser(424242);
                var capped = s.setMaxBandwidth(300), restart = s.iceRestart(caller);
                out.setMaxBandwidthPromise = capped instanceof Promise;
                out.iceRestartPromise = restart instanceof Promise;
                out.devicesPromise = vc.getMediaDevices('videoinput') instanceof Promise;
                out.pingPromise = MeshCall.chat.pingWithTimeout() instanceof Promise;
                capped.then(function (v) {
                  out.capped = v === undefined ? 'resolved' : String(v);
                  out.maxBandwidthAfter = s.maxBandwidth;
                  return restart;
                }).then(function () { out.restart = 'resolved'; },
                        function (e) { out.restart = (e instanceof Error) + ': ' + e.message; })
                  .then(function () { done(out); });
                """, alice.account().id());

        assertThat(types).as("Bob's session and SDK values").containsEntry("ID", "string")
                .containsEntry("initiatorID", "number").containsEntry("currentUserID", "number")
                .containsEntry("callType", "number").containsEntry("state", "number")
                .containsEntry("maxBandwidth", "number").containsEntry("opponentsIDs", true)
                .containsEntry("connectedPeer", true).containsEntry("unknownPeer", null)
                .containsEntry("setMaxBandwidthPromise", true).containsEntry("iceRestartPromise", true)
                .containsEntry("devicesPromise", true).containsEntry("pingPromise", true)
                .containsEntry("capped", "resolved").containsEntry("maxBandwidthAfter", 300L);
        assertThat((String) types.get("restart")).as("the callee's iceRestart: the caller restarts that link")
                .startsWith("true: ").contains("made the offer");

        Object restart = alice.browser().driver().executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                + " window.session.iceRestart(arguments[0]).then(function () { done('resolved'); },"
                + " function (e) { done('rejected: ' + e.message); });", bob.account().id());
        assertThat(restart).as("the caller's iceRestart of its link to Bob").isEqualTo("resolved");
        alice.seesAndHearsEachOther(bob);

        alice.hangUp();
        bob.waitForEvent("onStopCallListener", alice);
    }

    private static void eachGetsOneRemoteStreamWithVideoAndAudio() {
        for (Participant[] pair : new Participant[][] {{alice, bob}, {bob, alice}}) {
            String session = pair[0].currentSessionId();
            List<Event> streams = pair[0].events("onRemoteStreamListener").stream()
                    .filter(e -> session.equals(e.sessionId())).toList();
            assertThat(streams).as("%s's onRemoteStreamListener calls", pair[0]).hasSize(1);
            assertThat(streams.get(0).userId()).isEqualTo(pair[1].account().idText());
            assertThat(streams.get(0).get("videoTracks")).as("video tracks").isEqualTo(1L);
            assertThat(streams.get(0).get("audioTracks")).as("audio tracks").isEqualTo(1L);
        }
    }
}
