package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * What a person meets on the calling page, through its controls only ({@code data-testid}), each effect checked
 * where the person sees or hears it: the ringtone and ringback, the call timer, the camera preview, the other side's
 * tile going to an avatar when a camera stops, the other side's audio going silent on mute, the quality badge and
 * speaking ring, the focus held in the incoming dialog, keyboard shortcuts, staying signed in across a reload, a
 * 3-person call where every page shows every other person's picture, and the phone layout. Every state is
 * photographed at 1280x800 and 390x844 ({@link Screenshots}) and checked with axe-core ({@link Accessibility}).
 */
class PageExperienceIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    static Participant alice;
    static Participant bob;
    static Participant carol;

    @BeforeAll
    static void peopleSignUpOnThePage() {
        List<Participant> people = env.onWebPage("alice", "bob", "carol");
        alice = people.get(0).signUpOnPage();
        bob = people.get(1).signUpOnPage();
        carol = people.get(2).signUpOnPage();
    }

    @BeforeEach
    void everyoneOnAFreshPage() {
        alice.signIn();
        bob.signIn();
        carol.signIn();
    }

    @Test
    void aOneToOneCall_ringsWithSound_showsTimerAndTiles_muteAndCameraOffReachTheOtherSide() {
        // idle, with the camera preview
        alice.page().click("preview-button");
        waitForAttribute(alice, "tile-self", "data-camera", "on");
        Poll.until("alice: the preview shows her camera", TIMEOUT,
                () -> number(alice, "return document.getElementById('local-video').videoWidth") > 0);
        photographAndCheck("idle-preview", alice);

        // outgoing: ringback at Alice, ringtone at Bob, focus held in Bob's dialog
        alice.call(bob, VIDEO);
        waitForSound(alice, "ringback");
        Poll.until("alice: her tile shows the call's camera, not the preview's", TIMEOUT, () -> Boolean.TRUE.equals(
                alice.browser().js("const s = window.meshcallApp.session; return !!s && !!s.localStream"
                        + " && document.getElementById('local-video').srcObject === s.localStream")));
        assertThat(bob.page().waitForIncomingCall()).isEqualTo(alice.account().fullName());
        assertThat(bob.page().element("incoming-login").getText()).as("the login beside the caller's name")
                .isEqualTo("@" + alice.account().login());
        waitForSound(bob, "ringtone");
        assertThat(bob.browser().js("return window.meshcallApp.sounds.contextState")).as("Bob's AudioContext")
                .isEqualTo("running");
        assertThat(focusedTestId(bob)).as("focus in the incoming dialog").isEqualTo("accept-button");
        for (int i = 0; i < 4; i++) {
            new Actions(bob.browser().driver()).sendKeys(Keys.TAB).perform();
            assertThat(bob.browser().js("return document.getElementById('incoming-dialog')"
                    + ".contains(document.activeElement) || document.activeElement === document.body"))
                    .as("after %d Tab presses focus is still in the dialog", i + 1).isEqualTo(true);
        }
        photographAndCheck("outgoing", alice);
        photographAndCheck("incoming", bob);

        // the call: sounds stop, timer runs, tiles show each other's picture, quality badge, speaking ring
        bob.page().accept();
        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        waitForSound(alice, null);
        waitForSound(bob, null);
        String firstTick = waitForVisibleText(alice, "call-timer");
        Poll.until("alice: the call timer moves on from " + firstTick, TIMEOUT,
                () -> !firstTick.equals(alice.page().element("call-timer").getText()));
        assertThat(alice.page().waitForTile(bob.account())).isEqualTo(bob.account().fullName());
        waitForAttribute(alice, "tile-" + bob.account().idText(), "data-camera", "on");
        waitForAttribute(bob, "tile-" + alice.account().idText(), "data-camera", "on");
        waitForAttribute(alice, "tile-quality-" + bob.account().idText(), "data-grade", "good");
        waitForAttribute(alice, "tile-" + bob.account().idText(), "data-speaking", "true");
        photographAndCheck("call-1to1", alice);
        Screenshots.inDarkMode(alice.browser(), () -> {
            photographAndCheck("call-1to1-dark", alice);
            return null;
        });

        // picture-in-picture of the one speaking, where the browser has it (the button is hidden where it has not)
        if (Boolean.TRUE.equals(alice.browser().js("return document.pictureInPictureEnabled === true"))) {
            alice.page().click("pip-button");
            Poll.until("alice: Bob's video floats in picture-in-picture", TIMEOUT, () -> Boolean.TRUE.equals(
                    alice.browser().js("const e = document.pictureInPictureElement;"
                            + " return !!e && e.id === 'remote-video-" + bob.account().idText() + "'")));
            assertThat(alice.page().element("pip-button").getAttribute("aria-pressed")).isEqualTo("true");
            alice.page().click("pip-button");
            Poll.until("alice: picture-in-picture closes", TIMEOUT,
                    () -> alice.browser().js("return document.pictureInPictureElement") == null);
        } else {
            assertThat(alice.page().element("pip-button").isDisplayed()).as("the mini view button").isFalse();
        }

        // Bob mutes with the M key: his badge shows, and Alice's inbound audio from him goes silent
        pressKey(bob, "m");
        assertThat(bob.page().element("mute-audio-button").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(bob.page().element("self-muted").isDisplayed()).as("Bob's own muted badge").isTrue();
        alice.hearsSilenceFrom(bob);
        waitForVisible(alice, "tile-muted-" + bob.account().idText());
        photographAndCheck("muted", bob);
        photographAndCheck("remote-muted", alice);
        bob.page().toggleMic();
        alice.hearsSoundFrom(bob);
        waitForElement(alice, "tile-muted-" + bob.account().idText(), "is hidden", e -> !e.isDisplayed());

        // Alice stops her camera: Bob's tile for her shows her avatar, then her picture again
        alice.page().toggleCamera();
        waitForAttribute(bob, "tile-" + alice.account().idText(), "data-camera", "off");
        assertThat(bob.page().element("tile-avatar-" + alice.account().idText()).isDisplayed())
                .as("Alice's avatar on Bob's tile").isTrue();
        photographAndCheck("camera-off", bob);
        alice.page().toggleCamera();
        waitForAttribute(bob, "tile-" + alice.account().idText(), "data-camera", "on");

        // on a phone the call fills the screen and Hang up is within reach
        assertThat(Screenshots.onScreen(bob.browser(), Screenshots.Screen.PHONE, "the phone call layout",
                () -> bob.browser().js("const r = document.querySelector('[data-testid=hangup-button]')"
                        + ".getBoundingClientRect(); return r.height > 0 && r.bottom <= window.innerHeight")))
                .as("Hang up is on screen at 390x844").isEqualTo(true);

        alice.page().hangUp();
        bob.page().waitForStatus("ended");
        alice.page().waitForStatus("ended");
        assertThat(alice.page().element("call-timer").isDisplayed()).as("the timer after the call").isFalse();
    }

    @Test
    void davesTabCrashesDuringACall_alicesPageSaysItIsReconnecting() {
        Participant dave = env.onWebPage("dave").get(0).signUpOnPage();
        try {
            alice.call(dave, VIDEO);
            dave.page().accept();
            alice.page().waitForStatus("connected");
            dave.page().waitForStatus("connected");

            // A crashed tab says nothing: its links go quiet, as when a network drops.
            try {
                dave.browser().driver().executeCdpCommand("Page.crash", Map.of());
            } catch (RuntimeException expected) {
                // the page is gone before it can answer
            }
            assertThat(alice.page().waitForStatusText("reconnecting"))
                    .contains(dave.account().fullName()).contains("reconnecting");
            assertThat(alice.page().waitForToast("Reconnecting"))
                    .isEqualTo("Reconnecting to " + dave.account().fullName() + "…");
            assertThat(alice.page().element("tile-state-" + dave.account().idText()).getText())
                    .isEqualTo("reconnecting…");
            photographAndCheck("reconnecting", alice);
            alice.page().hangUp();
            alice.page().waitForStatus("ended");
        } finally {
            env.browsers().close("dave"); // a crashed tab takes no more commands; four browsers are a lot for 2 cores
        }
    }

    @Test
    void aReloadKeepsThePersonSignedIn_andOthersStillSeeThemOnline() {
        bob.page().reload(bob.account().login());
        assertThat(bob.page().element("current-user").getText()).isEqualTo(bob.account().fullName());
        alice.page().waitUntilOnline(bob.account());
        bob.page().waitUntilOnline(alice.account());

        // and the reloaded page takes calls
        alice.call(bob, VIDEO);
        bob.page().accept();
        alice.page().waitForStatus("connected");
        alice.seesVideoFrom(bob);
        bob.page().hangUp();
        alice.page().waitForStatus("ended");
    }

    @Test
    void bobReloadsDuringACall_rejoinsWithOneClick_andAlicesPageTakesHimBackByItself() {
        alice.call(bob, VIDEO);
        bob.page().accept();
        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");

        bob.page().reload(bob.account().login());
        alice.page().waitForStatus("ended"); // Bob's page hung up as it went away
        waitForVisible(bob, "rejoin-banner");
        assertThat(bob.page().element("rejoin-banner").getText()).contains(alice.account().fullName());
        photographAndCheck("rejoin-offer", bob);
        bob.page().click("rejoin-button");

        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        assertThat(alice.page().element("incoming-dialog").isDisplayed()).as("Alice was not asked again").isFalse();
        assertThat(alice.page().waitForToast("rejoined")).isEqualTo(bob.account().fullName() + " rejoined the call");
        alice.seesAndHearsEachOther(bob);
        bob.page().hangUp();
        alice.page().waitForStatus("ended");
    }

    @Test
    void carolReloadsDuringAThreePersonCall_rejoins_andTheMeshIsWholeAgain() {
        alice.call(List.of(bob, carol), VIDEO, Map.of());
        bob.page().accept();
        carol.page().accept();
        for (Participant p : List.of(alice, bob, carol)) {
            p.page().waitForStatus("connected");
        }

        carol.page().reload(carol.account().login());
        alice.page().waitForNoTile(carol.account());
        bob.page().waitForNoTile(carol.account());
        waitForVisible(carol, "rejoin-banner");
        carol.page().click("rejoin-button");

        // the toast first: it stays 10 s, and checking every pair's video can take longer on a loaded machine
        assertThat(alice.page().waitForToast("rejoined")).isEqualTo(carol.account().fullName() + " rejoined the call");
        everyPageShowsEveryOther();
        alice.page().hangUp();
        bob.page().hangUp();
        carol.page().waitForStatus("ended");
    }

    @Test
    void aThreePersonCall_everyPageShowsEveryOtherPersonsPicture() {
        alice.call(List.of(bob, carol), VIDEO, Map.of());
        bob.page().accept();
        carol.page().accept();
        everyPageShowsEveryOther();
        assertThat(alice.page().element("tiles").getAttribute("data-count")).isEqualTo("2");
        photographAndCheck("call-3", alice);

        carol.page().hangUp();
        alice.page().waitForNoTile(carol.account());
        assertThat(alice.page().waitForToast(" left")).isEqualTo(carol.account().fullName() + " left");
        alice.page().hangUp();
        bob.page().waitForStatus("ended");
    }

    @Test
    void erinChoosesHerSecondCamera_inSettings_andHerCallsSendIt() {
        Participant erin = env.onWebPageWithDevices("erin", 3).signUpOnPage();
        try {
            erin.page().click("preview-button"); // permission given: the lists show the devices' names
            waitForAttribute(erin, "tile-self", "data-camera", "on");
            erin.page().click("settings-button");
            waitForVisible(erin, "settings-dialog");
            Poll.until("erin: the camera list offers both cameras", TIMEOUT,
                    () -> number(erin, "return document.querySelector('[data-testid=camera-select]').options.length")
                            >= 4);
            String second = (String) erin.browser().js("const s = document.querySelector("
                    + "'[data-testid=camera-select]'); s.selectedIndex = 3; s.dispatchEvent(new Event('change'));"
                    + " return s.value");
            photographAndCheck("settings", erin);
            erin.page().click("settings-done");

            Poll.until("erin: the preview uses the second camera", TIMEOUT, () -> second.equals(erin.browser().js(
                    "const v = document.getElementById('local-video').srcObject;"
                            + " return v && v.getVideoTracks()[0].getSettings().deviceId")));
            erin.call(alice, VIDEO);
            alice.page().accept();
            erin.page().waitForStatus("connected");
            assertThat(erin.browser().js("return window.meshcallApp.session.localStream.getVideoTracks()[0]"
                    + ".getSettings().deviceId")).as("the camera Erin's call sends").isEqualTo(second);
            alice.seesVideoFrom(erin);
            erin.page().hangUp();
            alice.page().waitForStatus("ended");
        } finally {
            env.browsers().close("erin"); // four browsers at a time are more than 2 cores carry for long
        }
    }

    @Test
    void inACall_erinSwitchesCameraInSettings_andSharesHerScreen_aliceSeesEach() {
        Participant erin = env.onWebPageWithDevices("erin", 3).signUpOnPage();
        try {
            erin.call(alice, VIDEO);
            alice.page().accept();
            erin.page().waitForStatus("connected");
            alice.seesVideoFrom(erin);
            List<String> inbound = alice.stats(erin).inboundIds("video");

            erin.page().click("settings-button");
            waitForVisible(erin, "settings-dialog");
            Poll.until("erin: the camera list offers three cameras", TIMEOUT,
                    () -> number(erin, "return document.querySelector('[data-testid=camera-select]').options.length")
                            >= 4);
            assertThat(erin.page().element("settings-note").getText()).contains("in this call at once");
            String third = (String) erin.browser().js("const s = document.querySelector("
                    + "'[data-testid=camera-select]'); s.selectedIndex = 3; s.dispatchEvent(new Event('change'));"
                    + " return s.value");
            erin.page().click("settings-done");
            Poll.until("erin: the call sends the chosen camera", TIMEOUT, () -> third.equals(erin.browser().js(
                    "return window.meshcallApp.session.localStream.getVideoTracks()[0].getSettings().deviceId")));
            String sent = (String) erin.browser().js(
                    "return window.meshcallApp.session.localStream.getVideoTracks()[0].id");
            Poll.until("erin's browser sends that camera's track", TIMEOUT,
                    () -> erin.stats(alice).sentTrackId("video").filter(sent::equals).isPresent());
            alice.seesVideoFrom(erin);
            assertThat(alice.stats(erin).inboundIds("video")).as("the same inbound stream: no new offer")
                    .isEqualTo(inbound);

            erin.page().click("share-screen-button");
            waitForAttribute(erin, "share-screen-button", "aria-pressed", "true");
            Poll.until("alice decodes erin's 800 px wide screen", TIMEOUT,
                    () -> alice.stats(erin).inboundVideoFrameWidth() == 800);
            waitForAttribute(alice, "tile-" + erin.account().idText(), "data-camera", "on");
            photographAndCheck("sharing", erin);

            erin.page().click("share-screen-button");
            waitForAttribute(erin, "share-screen-button", "aria-pressed", "false");
            Poll.until("alice decodes erin's camera again", TIMEOUT,
                    () -> alice.stats(erin).inboundVideoFrameWidth() == 640);

            erin.page().click("record-button");
            waitForVisible(erin, "recording-indicator");
            photographAndCheck("recording", erin);
            erin.page().click("record-button");
            waitForVisible(erin, "recording-download");
            assertThat(erin.page().element("recording-download").getAttribute("download")).endsWith(".webm");
            assertThat(erin.page().waitForToast("Recording saved")).as("the toast says how much was recorded")
                    .matches("Recording saved: [1-9][0-9]* KB");
            assertThat(erin.page().element("recording-indicator").isDisplayed()).isFalse();
            erin.page().hangUp();
            alice.page().waitForStatus("ended");
        } finally {
            env.browsers().close("erin");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Alice, Bob and Carol are connected, and each page shows (and decodes) the picture of both others. */
    private static void everyPageShowsEveryOther() {
        for (Participant p : List.of(alice, bob, carol)) {
            p.page().waitForStatus("connected");
            for (Participant q : List.of(alice, bob, carol)) {
                if (p != q) {
                    assertThat(p.page().waitForTile(q.account())).isEqualTo(q.account().fullName());
                    waitForAttribute(p, "tile-" + q.account().idText(), "data-camera", "on");
                    p.seesVideoFrom(q);
                }
            }
        }
    }

    private static void waitForVisible(Participant who, String testid) {
        waitForElement(who, testid, "is shown", WebElement::isDisplayed);
    }

    /** Both screen sizes photographed, and no serious or critical axe-core violation in this state. */
    private static void photographAndCheck(String state, Participant who) {
        Screenshots.both(who.browser(), state);
        Accessibility.assertNoSeriousViolations(who.browser(), state);
    }

    private static void waitForSound(Participant who, String sound) {
        Poll.until(who.name() + ": the page plays " + sound, TIMEOUT,
                () -> Objects.equals(sound, who.browser().js("return window.meshcallApp.sounds.playing")));
    }

    private static void waitForAttribute(Participant who, String testid, String attribute, String value) {
        waitForElement(who, testid, "has " + attribute + "=" + value, e -> value.equals(e.getAttribute(attribute)));
    }

    /** Waits until the element {@code testid} is on the page and {@code holds}; {@code what} says what is awaited. */
    private static void waitForElement(Participant who, String testid, String what, Predicate<WebElement> holds) {
        Poll.until(who.name() + ": " + testid + " " + what, TIMEOUT, () -> {
            try {
                return holds.test(who.page().element(testid));
            } catch (NoSuchElementException | StaleElementReferenceException e) {
                return false;
            }
        });
    }

    private static String waitForVisibleText(Participant who, String testid) {
        return Poll.until(who.name() + ": " + testid + " shows", TIMEOUT, () -> {
            WebElement e = who.page().element(testid);
            return e.isDisplayed() && !e.getText().isEmpty() ? Optional.of(e.getText())
                    : Optional.empty();
        });
    }

    private static String focusedTestId(Participant who) {
        return (String) who.browser().js("return document.activeElement && document.activeElement.dataset.testid");
    }

    /** Presses {@code key} on the page, outside any text field (where the call shortcuts work). */
    private static void pressKey(Participant who, String key) {
        who.browser().js("document.activeElement && document.activeElement.blur()");
        new Actions(who.browser().driver()).sendKeys(key).perform();
    }

    private static double number(Participant who, String script) {
        return ((Number) who.browser().js(script)).doubleValue();
    }
}
