package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.AUDIO;
import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Changing what a participant sends during a call (docs/js-api.md, "Media during a call"): another camera or
 * microphone ({@code switchMediaTracks}) and the screen ({@code getDisplayMedia}, {@code stopScreenSharing}), each
 * checked where the other participant sees it: what Bob's browser decodes, on the same inbound RTP stream as before
 * (no new offer made new ones). Alice's Chromium has three fake cameras and microphones.
 */
class MediaControlsIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The width of Chromium's fake screen ({@code --use-fake-ui-for-media-stream}). */
    private static final long SCREEN_WIDTH = 800;
    /** The width of the fake camera at the tests' constraints ({@link CallType#VIDEO}). */
    private static final long CAMERA_WIDTH = 320;

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void people() {
        alice = env.onHarnessWithDevices("alice", 3);
        bob = env.onHarness("bob").get(0);
    }

    @BeforeEach
    void bothSignIn() {
        alice.signIn();
        bob.signIn();
    }

    @AfterEach
    void hangUp() {
        if (alice.sessionState() == 2) {
            alice.hangUp();
        }
    }

    @Test
    void switchingTheCameraSendsTheOtherOneOnTheSameStream_mutedStaysMuted_andTheOldCameraStops() {
        connect(VIDEO);
        List<Object> cameras = alice.browser().jsList("return MeshCall.videochat.getMediaDevices('videoinput')"
                + ".then(function (d) { return d.map(function (x) { return x.deviceId; }); });");
        assertThat(cameras).as("Alice's cameras, from getMediaDevices").hasSize(3);
        String firstCamera = localTrack("video", "id");
        List<String> inbound = bob.stats(alice).inboundIds("video");
        alice.browser().js("window.session.mute('video');");

        String chosen = (String) cameras.get(2);
        Map<String, Object> switched = alice.browser().jsMap("return window.session.switchMediaTracks({video:"
                + " arguments[0]}).then(function (s) { return {ok: s === window.session.localStream}; },"
                + " function (e) { return {error: e.name + ': ' + e.message}; });", chosen);
        assertThat(switched).as("switchMediaTracks resolves with the local stream").containsEntry("ok", true);

        assertThat(localTrack("video", "deviceId")).as("the camera now in the local stream").isEqualTo(chosen);
        assertThat(alice.localTrackCount("video")).isEqualTo(1);
        assertThat(alice.localTrackEnabled("video")).as("the new camera keeps the mute state").isFalse();
        assertThat(localTrack("video", "width")).as("and the constraints of getUserMedia").isEqualTo("320");
        String secondCamera = localTrack("video", "id");
        Poll.until("Alice sends the new camera", TIMEOUT,
                () -> alice.stats(bob).sentTrackId("video").filter(secondCamera::equals).isPresent());
        alice.browser().js("window.session.unmute('video');");
        bob.seesVideoFrom(alice);
        assertThat(bob.stats(alice).inboundIds("video")).as("the same inbound stream: no new offer").isEqualTo(inbound);
        assertThat(secondCamera).isNotEqualTo(firstCamera);

        List<Object> microphones = alice.browser().jsList("return MeshCall.videochat.getMediaDevices('audioinput')"
                + ".then(function (d) { return d.map(function (x) { return x.deviceId; }); });");
        String microphone = (String) microphones.get(microphones.size() - 1);
        alice.browser().jsMap("return window.session.switchMediaTracks({audio: arguments[0]})"
                + ".then(function () { return {}; });", microphone);
        assertThat(localTrack("audio", "deviceId")).isEqualTo(microphone);
        String newMicrophone = localTrack("audio", "id");
        Poll.until("Alice sends the new microphone", TIMEOUT,
                () -> alice.stats(bob).sentTrackId("audio").filter(newMicrophone::equals).isPresent());
        bob.hearsAudioFrom(alice);
        assertThat(alice.liveLocalTrackCount()).as("the old camera and microphone stopped").isEqualTo(2);
    }

    @Test
    void aSharedScreenReplacesTheCamera_untilSharingStops_orTheBrowserEndsIt_andTheMicrophoneStaysMuted() {
        connect(VIDEO);
        alice.browser().js("window.session.mute('audio');");
        List<String> inbound = bob.stats(alice).inboundIds("video");

        share();
        bobSeesWidth(SCREEN_WIDTH, "the screen");
        assertThat(alice.browser().js("return window.session.isScreenSharing;")).isEqualTo(true);
        assertThat(alice.localTrackEnabled("audio")).as("the microphone stays muted").isFalse();
        assertThat(bob.stats(alice).inboundIds("video")).as("no new offer").isEqualTo(inbound);

        alice.browser().js("window.session.stopScreenSharing();");
        bobSeesWidth(CAMERA_WIDTH, "the camera again");
        assertThat(alice.browser().js("return window.session.isScreenSharing;")).isEqualTo(false);
        assertThat(alice.liveLocalTrackCount()).as("the screen track stopped").isEqualTo(2);

        alice.browser().js("window.session.mute('video');");
        share();
        bobSeesWidth(SCREEN_WIDTH, "the screen");
        assertThat(alice.localTrackEnabled("video")).as("a screen shared while video is muted is sent muted")
                .isFalse();
        alice.browser().js("window.session.unmute('video');");
        assertThat(alice.localTrackEnabled("video")).isTrue();
        // What the browser's own "stop sharing" does: the screen track ends.
        alice.browser().js("window.session.localStream.getVideoTracks()[0].dispatchEvent(new Event('ended'));");
        bobSeesWidth(CAMERA_WIDTH, "the camera after the browser ended sharing");
        assertThat(alice.localTrackEnabled("video")).as("the camera back, unmuted as the session now is").isTrue();
        assertThat(alice.localTrackEnabled("audio")).as("the microphone is still muted").isFalse();
        bob.seesVideoFrom(alice);
    }

    @Test
    void anAudioCallCanShareTheScreen_withoutANewOffer() {
        connect(AUDIO);
        assertThat(bob.stats(alice).inboundVideoFrameWidth()).as("no video before sharing").isZero();
        assertThat(bob.waitForEvent("onRemoteStreamListener", alice).get("videoTracks"))
                .as("an audio call's remote stream, as in the seed's SDK").isEqualTo(0L);

        share();
        bobSeesWidth(SCREEN_WIDTH, "the screen in an audio call");
        Poll.until("the screen joins Alice's stream at Bob", TIMEOUT, () -> Long.valueOf(1).equals(bob.browser().js(
                "return document.getElementById(arguments[0]).srcObject.getVideoTracks().length;",
                "remote-video-" + alice.account().idText())));
        bob.seesVideoFrom(alice);
        bob.hearsAudioFrom(alice);

        alice.browser().js("window.session.stopScreenSharing();");
        assertThat(alice.localTrackCount("video")).as("no camera to go back to").isZero();
        assertThat(alice.liveLocalTrackCount()).isEqualTo(1);
    }

    @Test
    void inAGroupAudioCall_aCalleeSharesItsScreen_onTheLinkWhoseOfferCameAfterItAccepted() {
        Participant carol = env.onHarness("carol").get(0).signIn();
        try {
            alice.call(List.of(bob, carol), AUDIO, Map.of());
            bob.accept();
            bob.waitForConnectedTo(alice);
            carol.accept(); // Carol offers to Bob, who accepted first: Bob answers it at once
            carol.waitForConnectedTo(bob);
            bob.waitForConnectedTo(carol);

            Map<String, Object> shared = bob.browser().jsMap("return window.session.getDisplayMedia({video: true})"
                    + ".then(function () { return {ok: true}; }, function (e) { return {error: e.message}; });");
            assertThat(shared).containsEntry("ok", true);
            for (Participant p : List.of(alice, carol)) {
                Poll.until(p.name() + " decodes Bob's 800 px screen", TIMEOUT,
                        () -> p.stats(bob).inboundVideoFrameWidth() == SCREEN_WIDTH);
            }
            carol.hangUp();
        } finally {
            env.browsers().close("carol");
        }
    }

    @Test
    void theCallsBandwidthCapsTheVideoOfBothSides_andLiftingItLetsItRise() {
        Map<String, Object> hd = Map.of("audio", true, "video", Map.of("width", 640, "height", 480));
        assertThat(alice.browser().jsMap("return h.createSession([arguments[0]], 1, {bandwidth: 256});",
                bob.account().id())).containsKey("id");
        assertThat(alice.browser().jsMap("return h.getUserMedia(arguments[0]);", hd)).containsEntry("ok", true);
        assertThat(alice.browser().jsMap("return h.call({});")).containsEntry("ok", true);
        bob.waitForEvent("onCallListener");
        assertThat(bob.browser().jsMap("return h.getUserMedia(arguments[0]);", hd)).containsEntry("ok", true);
        assertThat(bob.browser().jsMap("return h.accept({});")).containsEntry("ok", true);
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);

        for (Participant[] pair : new Participant[][] {{alice, bob}, {bob, alice}}) {
            Poll.until(pair[0].name() + "'s video settles at 256 kbit/s + 10 %", Duration.ofSeconds(10),
                    () -> pair[0].sentVideoKbps(pair[1]) <= 256 * 1.1);
        }
        for (Participant p : List.of(alice, bob)) {
            p.browser().js("window.session.setMaxBandwidth(0);");
        }
        for (Participant[] pair : new Participant[][] {{alice, bob}, {bob, alice}}) {
            Poll.until(pair[0].name() + "'s video rises above the lifted cap", TIMEOUT,
                    () -> pair[0].sentVideoKbps(pair[1]) > 256 * 1.5);
        }
    }

    @Test
    void setAudioOutputPlaysTheOthersOnTheChosenSpeaker_alsoOnAnElementAttachedLater() {
        connect(VIDEO);
        List<Object> speakers = bob.browser().jsList("return MeshCall.videochat.getMediaDevices('audiooutput')"
                + ".then(function (d) { return d.map(function (x) { return x.deviceId; })"
                + ".filter(function (id) { return id && id !== 'default'; }); });");
        assertThat(speakers).as("Bob's fake speakers").isNotEmpty();
        String speaker = (String) speakers.get(speakers.size() - 1);
        String element = "remote-video-" + alice.account().idText();

        Map<String, Object> chosen = bob.browser().jsMap("var el = document.getElementById(arguments[0]);"
                + " window.session.attachMediaStream(el.id, el.srcObject);"
                + " return window.session.setAudioOutput(arguments[1]).then(function () {"
                + " return {sinkId: el.sinkId}; }, function (e) { return {error: e.name + ': ' + e.message}; });",
                element, speaker);
        assertThat(chosen).as("the remote element's speaker").containsEntry("sinkId", speaker);

        Object later = bob.browser().js("var want = arguments[1], a = document.createElement('audio');"
                + " a.id = 'later-audio';"
                + " document.body.appendChild(a); var el = document.getElementById(arguments[0]);"
                + " window.session.attachMediaStream('later-audio', el.srcObject);"
                + " return new Promise(function (done) { var n = 0; (function check() {"
                + " if (a.sinkId === want || ++n > 50) { done(a.sinkId); } else { setTimeout(check, 100); }"
                + " })(); });", element, speaker);
        assertThat(later).as("an element attached after the choice").isEqualTo(speaker);
        bob.hearsAudioFrom(alice);
    }

    @Test
    void highDefinitionConstraintsReachTheOtherSide_1280x720() {
        assertThat(alice.browser().jsMap("return h.createSession([arguments[0]], 1, {});", bob.account().id()))
                .containsKey("id");
        assertThat(alice.browser().jsMap("return h.getUserMedia(arguments[0]);",
                Map.of("audio", true, "video", Map.of("width", 1280, "height", 720)))).containsEntry("ok", true);
        assertThat(alice.browser().jsMap("return h.call({});")).containsEntry("ok", true);
        bob.accept();
        bob.waitForConnectedTo(alice);
        // The encoder starts low and scales up as the bandwidth estimate grows: give it time.
        bobSeesWidth(1280, "Alice's 1280x720 camera", Duration.ofSeconds(45));
    }

    @Test
    void clearSessionDeclinesARingingCall_andTheCallerHearsIt() {
        alice.call(bob, VIDEO);
        bob.waitForIncomingCall(alice);
        String id = bob.currentSessionId();

        bob.browser().js("MeshCall.videochat.clearSession(arguments[0]);", id);

        alice.waitForEvent("onRejectCallListener", bob);
        assertThat(bob.sessionState()).as("Bob's session").isEqualTo(5);
    }

    @Test
    void everyStatsReportIntervalTheAppGetsTheRawReportAndASaneSummary() {
        alice.signIn(Map.of("videochat", Map.of("statsReportTimeInterval", 1)));
        connect(VIDEO);
        bob.seesVideoFrom(alice);

        Event report = alice.waitForEvent("onCallStatsReport", e -> e.get("bitrateIn") instanceof Number in
                && in.doubleValue() > 0 && e.get("fps") instanceof Number fps && fps.doubleValue() > 0);
        assertThat(report.userId()).isEqualTo(bob.account().idText());
        assertThat(((Number) report.get("reportEntries")).intValue()).as("the raw report's entries").isPositive();
        assertThat(((Number) report.get("bitrateIn")).doubleValue()).as("kbit/s in").isBetween(10.0, 5000.0);
        assertThat(((Number) report.get("bitrateOut")).doubleValue()).as("kbit/s out").isBetween(10.0, 5000.0);
        assertThat(((Number) report.get("fps")).doubleValue()).as("frames/s decoded").isBetween(1.0, 31.0);
        assertThat(report.get("width")).as("Bob's 320x240 camera").isEqualTo(320L);
        assertThat(report.get("height")).isEqualTo(240L);
        assertThat(((Number) report.get("rtt")).doubleValue()).as("ms on loopback").isBetween(0.0, 200.0);
        assertThat(((Number) report.get("packetLoss")).doubleValue()).as("% lost").isBetween(0.0, 5.0);
        assertThat(report.get("candidateType")).isEqualTo("host");
        assertThat(bob.events("onCallStatsReport")).as("Bob did not ask for reports").isEmpty();
    }

    @Test
    void aRecordingOfTheWholeCallIsAWebmThatAVideoElementPlays_soIsOneOfAlicesOwnStream() {
        connect(VIDEO);
        bob.seesVideoFrom(alice);

        Map<String, Object> call = record(null);
        assertThat(call).as("the whole call, mixed").doesNotContainKey("error");
        assertThat((String) call.get("type")).startsWith("video/webm");
        assertThat(((Number) call.get("duration")).doubleValue()).as("seconds").isGreaterThanOrEqualTo(2.0);
        assertThat(call.get("width")).as("the mix's canvas").isEqualTo(1280L);

        Map<String, Object> own = record("window.session.localStream");
        assertThat(own).as("Alice's own stream").doesNotContainKey("error");
        assertThat(((Number) own.get("duration")).doubleValue()).isGreaterThanOrEqualTo(2.0);
        assertThat(own.get("width")).as("Alice's 320x240 camera").isEqualTo(320L);
    }

    /**
     * Alice records {@code stream} (a JavaScript expression; {@code null} for the whole call) for 3 s; what a video
     * element makes of the WebM: {type, size, duration, width, height}, or {error}.
     */
    private static Map<String, Object> record(String stream) {
        alice.browser().js("window.session.startRecording(" + (stream == null ? "" : stream) + ");"
                + " window.recordingSince = performance.now();");
        Poll.until("alice records for 3 s", TIMEOUT,
                () -> Boolean.TRUE.equals(alice.browser().js("return performance.now() - window.recordingSince"
                        + " >= 3000;")));
        return alice.browser().jsMap("return window.session.stopRecording().then(function (blob) {"
                + " return new Promise(function (done) { var v = document.createElement('video'); v.muted = true;"
                + " var report = function () { done({type: blob.type, size: blob.size, duration: v.duration,"
                + " width: v.videoWidth, height: v.videoHeight}); };"
                + " v.onloadedmetadata = function () { if (v.duration !== Infinity) { report(); return; }"
                + " v.ondurationchange = function () { if (v.duration !== Infinity) { report(); } };"
                + " v.currentTime = 1e9; };" // MediaRecorder's WebM has no duration until the end is sought
                + " v.onerror = function () { done({error: 'the video element refused it: '"
                + " + (v.error && v.error.message)}); };"
                + " v.src = URL.createObjectURL(blob); }); }, function (e) { return {error: e.name + ': '"
                + " + e.message}; });");
    }

    private void connect(CallType type) {
        alice.call(bob, type);
        bob.waitForIncomingCall(alice);
        bob.accept();
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
        bob.hearsAudioFrom(alice);
    }

    private void share() {
        Map<String, Object> shared = alice.browser().jsMap("return window.session.getDisplayMedia({video: true})"
                + ".then(function (s) { return {ok: s === window.session.localStream}; },"
                + " function (e) { return {error: e.name + ': ' + e.message}; });");
        assertThat(shared).as("getDisplayMedia during the call").containsEntry("ok", true);
    }

    private void bobSeesWidth(long width, String what) {
        bobSeesWidth(width, what, TIMEOUT);
    }

    private void bobSeesWidth(long width, String what, Duration timeout) {
        long[] seen = {-1};
        try {
            Poll.until("Bob decodes " + what + " (" + width + " px wide)", timeout, () -> {
                seen[0] = bob.stats(alice).inboundVideoFrameWidth();
                return seen[0] == width;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the last frame was " + seen[0] + " px wide", e);
        }
    }

    /** A property of Alice's local track of {@code kind}: its {@code id}, or one of its settings. */
    private String localTrack(String kind, String property) {
        Object value = alice.browser().js("var kind = arguments[0], property = arguments[1];"
                + " var t = window.session.localStream.getTracks().filter(function (x) {"
                + " return x.kind === kind; })[0]; if (!t) { return null; }"
                + " return property === 'id' ? t.id : t.getSettings()[property];", kind, property);
        return value == null ? null : String.valueOf(value);
    }
}
