package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The seed's "Video Calling" guide run as written (issue 15, item 6): two people on
 * {@code /examples/seed-walkthrough.html}, which runs the guide's own snippets with only the global renamed, press
 * the page's buttons section by section. Every effect is checked in the other browser: its decoded video and audio,
 * its listeners, the bitrate it receives.
 */
class SeedWalkthroughIT {
    private static final Duration TIMEOUT = Participant.TIMEOUT;

    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void people() {
        alice = env.onSeedWalkthroughWithDevices("alice", 3);
        bob = env.onSeedWalkthroughWithDevices("bob", 3);
    }

    @BeforeEach
    void bothConnectThroughThePage() {
        for (Participant p : List.of(alice, bob)) {
            p.browser().open(env.server().baseUrl() + "/examples/seed-walkthrough.html");
            Poll.until(p + ": the page printed its snippets", TIMEOUT, () -> !text(p, "[data-snippet=connect]")
                    .isEmpty());
            type(p, "user-id", p.account().idText());
            type(p, "password", p.account().password());
            click(p, "run-connect");
            Poll.until(p + ": connected through the guide's init and chat.connect", TIMEOUT,
                    () -> "true".equals(p.browser().js("return document.body.dataset.connected || null;")));
        }
    }

    @Test
    void theGuidesCall_fromCreateSessionToEndACall_worksSectionBySection() {
        aliceCallsBob(false);
        click(bob, "run-accept");
        alice.waitForEvent("onAcceptCallListener", bob);
        for (Participant[] pair : new Participant[][] {{alice, bob}, {bob, alice}}) {
            pair[0].waitForEvent("onRemoteStreamListener", pair[1]);
            pair[0].waitForConnectedTo(pair[1]);
            Poll.until(pair[0] + " plays " + pair[1] + "'s video in remoteOpponentVideoElementId", TIMEOUT,
                    () -> ((Number) pair[0].browser().js("var v = document.getElementById("
                            + "'remoteOpponentVideoElementId'); return v.videoWidth;")).intValue() > 0);
        }
        alice.seesAndHearsEachOther(bob);
        bob.hearsSoundFrom(alice);

        // "Mute audio": Bob hears silence, then Alice again
        click(alice, "run-muteAudio");
        bob.hearsSilenceFrom(alice);
        click(alice, "run-unmuteAudio");
        bob.hearsSoundFrom(alice);

        // "Switch video cameras": Alice lists her cameras and picks the last; Bob keeps decoding her video. (Not the
        // second: Chromium's fake_device_1 is a depth camera, 16-bit grey, which WebRTC does not encode.)
        String before = sentTrackLabel(alice, "video");
        click(alice, "run-getMediaDevices");
        Poll.until("alice's page lists her 3 cameras", TIMEOUT,
                () -> ((Number) alice.browser().js("return document.getElementById('device').options.length;"))
                        .intValue() == 3);
        alice.browser().js("var s = document.getElementById('device'); s.selectedIndex = s.options.length - 1;");
        click(alice, "run-switchMediaTracks");
        Poll.until("alice sends her other camera", TIMEOUT, () -> !before.equals(sentTrackLabel(alice, "video")));
        bob.seesVideoFrom(alice);

        // "Screen Sharing": Bob decodes a picture of another size, the screen
        long cameraWidth = bob.stats(alice).inboundVideoFrameWidth();
        click(alice, "run-getDisplayMedia");
        Poll.until("bob decodes alice's screen (frame width other than her camera's " + cameraWidth + ")", TIMEOUT,
                () -> {
                    long width = bob.stats(alice).inboundVideoFrameWidth();
                    return width > 0 && width != cameraWidth;
                });
        bob.seesVideoFrom(alice);

        // "Limit bandwidth" during the call: Alice's own video settles under 512 kbit/s + 10 %
        click(alice, "run-setMaxBandwidth");
        Poll.until("alice's video settles at 512 kbit/s + 10 %", Duration.ofSeconds(10),
                () -> alice.sentVideoKbps(bob) <= 512 * 1.1);

        // "Tackling Network changes": the recipe's maybeDoIceRestart pings the chat and restarts ICE on the link
        // Alice offered; Bob's side of the link gets new ICE credentials and media goes on
        List<Object> ufrags = localUfrags(bob, alice);
        click(alice, "run-iceRestartNow");
        Poll.until("bob's link to alice has new ICE credentials (was " + ufrags + ")", TIMEOUT,
                () -> !localUfrags(bob, alice).isEmpty() && !ufrags.containsAll(localUfrags(bob, alice)));
        bob.seesVideoFrom(alice);
        alice.hearsAudioFrom(bob);

        // "End a call"
        click(alice, "run-stop");
        bob.waitForEvent("onStopCallListener", alice);
        bob.waitForEvent("onSessionCloseListener");
        alice.waitForEvent("onSessionCloseListener");
    }

    @Test
    void theGuidesCallWithMaxBandwidth_capsBobsVideoToo() {
        aliceCallsBob(true);
        click(bob, "run-accept");
        alice.waitForConnectedTo(bob);
        bob.waitForConnectedTo(alice);
        Poll.until("bob's video settles at the caller's 256 kbit/s + 10 %", Duration.ofSeconds(10),
                () -> bob.sentVideoKbps(alice) <= 256 * 1.1);
        click(bob, "run-stop");
        alice.waitForEvent("onStopCallListener", bob);
    }

    @Test
    void rejectingACall_withTheSessionAndWithCallRejectRequest_reachesTheCaller() {
        aliceCallsBob(false);
        click(bob, "run-reject");
        Event rejected = alice.waitForEvent("onRejectCallListener", bob);
        alice.waitForEvent("onSessionCloseListener", e -> rejected.sessionId().equals(e.sessionId()));

        alice.clearEvents();
        bob.clearEvents();
        aliceCallsBob(false);
        click(bob, "run-callRejectRequest");
        alice.waitForEvent("onRejectCallListener", bob);
        assertThat(bob.events("onAcceptCallListener")).isEmpty();
    }

    /** Alice: "Create video session" with Bob, "Access local media stream", "Initiate a call"; Bob is rung. */
    private static void aliceCallsBob(boolean limitBandwidth) {
        type(alice, "callees", bob.account().idText());
        alice.browser().js("document.getElementById('call-bandwidth').checked = arguments[0];", limitBandwidth);
        click(alice, "run-createSession");
        click(alice, "run-getUserMedia");
        Poll.until("alice's camera plays in myVideoElementId", TIMEOUT, () -> ((Number) alice.browser().js(
                "return document.getElementById('myVideoElementId').videoWidth;")).intValue() > 0);
        click(alice, "run-call");
        bob.waitForEvent("onCallListener", alice);
        Poll.until("bob's page shows the incoming call's Accept and Reject", TIMEOUT,
                () -> element(bob, "incoming").isDisplayed());
        assertThat(text(bob, "[data-testid=incoming-text]")).contains(alice.account().idText());
    }

    /** The label of the track {@code p} sends of {@code kind}. */
    private static String sentTrackLabel(Participant p, String kind) {
        return (String) p.browser().js("var kind = arguments[0];"
                + " var t = window.session.localStream.getTracks().filter(function (x) { return x.kind === kind; })[0];"
                + " return t ? t.label : null;", kind);
    }

    /** The ICE username fragments of {@code p}'s local candidates on its link to {@code peer} (W3C webrtc-stats). */
    private static List<Object> localUfrags(Participant p, Participant peer) {
        return p.stats(peer).entries().stream().filter(e -> "local-candidate".equals(e.get("type")))
                .map(e -> e.get("usernameFragment")).filter(u -> u != null).distinct().toList();
    }

    private static WebElement element(Participant p, String testId) {
        return p.browser().driver().findElement(By.cssSelector("[data-testid=" + testId + "]"));
    }

    private static void click(Participant p, String testId) {
        element(p, testId).click();
    }

    private static void type(Participant p, String testId, String value) {
        WebElement input = element(p, testId);
        input.clear();
        input.sendKeys(value);
    }

    private static String text(Participant p, String css) {
        return p.browser().driver().findElement(By.cssSelector(css)).getText();
    }
}
