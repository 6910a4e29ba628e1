package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls while the calling page is out of sight (issue 16; README, "Calls in the background"): a call to a hidden page
 * shows a notification whose Accept answers it, and a hidden page stops its camera while the call's sound goes on.
 * Hidden is a minimized window (the only way headless Chromium hides a page); Accept is the service worker's own
 * {@code notificationclick} ({@link Notifications}).
 */
class BackgroundCallsIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void peopleSignUpOnThePage_bobAllowsNotifications() {
        List<Participant> people = env.onWebPage("alice", "bob");
        alice = people.get(0).signUpOnPage();
        bob = people.get(1).signUpOnPage();
        Notifications.allow(bob.browser(), env.server().baseUrl().replaceAll("/+$", ""));
    }

    @BeforeEach
    void bothOnAFreshPage() {
        alice.signIn();
        bob.signIn();
        Poll.until("bob's page has its service worker", Participant.TIMEOUT, () -> Boolean.TRUE.equals(
                bob.browser().js("return navigator.serviceWorker.ready.then(function (r) { return !!r.active; });")));
    }

    @AfterEach
    void bobsWindowIsShownAgain() {
        bob.browser().show();
    }

    @Test
    void aCallToAHiddenPage_showsANotificationAndFlashesTheTitle_andItsAcceptAnswersTheCall() {
        bob.browser().hide();
        assertThat(bob.browser().js("return document.visibilityState;")).isEqualTo("hidden");

        alice.call(bob, VIDEO);
        Map<String, Object> shown = Notifications.waitFor(bob.browser(), alice.account().fullName() + " is calling");
        assertThat(shown.get("body")).isEqualTo("Video call on MeshCall");
        assertThat(shown.get("actions")).isEqualTo(List.of("accept", "decline"));
        Poll.until("bob's tab title flashes the call", Participant.TIMEOUT, () -> String.valueOf(
                bob.browser().js("return document.title;")).contains(alice.account().fullName() + " is calling"));

        Notifications.click(bob.browser(), "accept");
        bob.browser().show(); // what the worker's focus() does for a real click
        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        alice.seesAndHearsEachOther(bob);
        Notifications.waitForNone(bob.browser());
        assertThat(bob.browser().js("return document.title;")).as("the title after the call was answered")
                .asString().doesNotContain("is calling");

        alice.hangUp();
        bob.page().waitForStatus("ended");
    }

    @Test
    void declineInTheNotificationOfAHiddenPage_declinesTheCall() {
        bob.browser().hide();
        alice.call(bob, VIDEO);
        bob.page().waitForIncomingCall();
        Notifications.waitFor(bob.browser(), alice.account().fullName() + " is calling");

        Notifications.click(bob.browser(), "decline");
        alice.waitForEvent("onRejectCallListener", bob);
        Notifications.waitForNone(bob.browser());
    }

    @Test
    void aHiddenPageStopsSendingItsCamera_keepsItsSound_andTheCameraComesBackWhenShown() {
        alice.call(bob, VIDEO);
        bob.page().waitForIncomingCall();
        bob.accept();
        alice.page().waitForStatus("connected");
        alice.seesAndHearsEachOther(bob);

        bob.browser().hide();
        alice.waitForEvent("onRemoteMuteListener", bob);
        Poll.until("bob's camera track is stopped while hidden", Participant.TIMEOUT,
                () -> bob.localTrackCount("video") == 0);
        long[] before = {bob.stats(alice).outboundVideoFramesSent(), bob.stats(alice).outboundAudioBytesSent()};
        Poll.until("bob's audio bytesSent rises while hidden", Participant.TIMEOUT,
                () -> bob.stats(alice).outboundAudioBytesSent() > before[1] + 2000);
        assertThat(bob.stats(alice).outboundVideoFramesSent()).as("bob's video framesSent while hidden")
                .isEqualTo(before[0]);
        alice.hearsAudioFrom(bob);

        bob.browser().show();
        Poll.until("bob's video framesSent rises once shown", Participant.TIMEOUT,
                () -> bob.stats(alice).outboundVideoFramesSent() > before[0] + 10);
        alice.seesVideoFrom(bob);
        assertThat(bob.localTrackCount("video")).as("bob's camera tracks once shown").isEqualTo(1);

        alice.hangUp();
        bob.page().waitForStatus("ended");
    }
}
