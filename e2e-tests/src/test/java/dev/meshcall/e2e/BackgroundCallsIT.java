package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.StandInPushService;
import dev.meshcall.server.push.PushSettings;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openqa.selenium.WindowType;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Calls while the calling page is out of sight (issue 16; README, "Calls in the background"): a call to a hidden page
 * shows a notification whose Accept answers it, and a hidden page stops its camera while the call's sound goes on;
 * a call to a closed page is pushed through a stand-in push service, and the page opened from it answers. Hidden is
 * a minimized window (the only way headless Chromium hides a page); Accept is the service worker's own
 * {@code notificationclick} ({@link Notifications}).
 */
class BackgroundCallsIT {
    /** The server takes the stand-in's {@code http:} push endpoints (test-only flag). */
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment(() -> new TestServer(config -> config.withPush(
            PushSettings.defaults().withAllowHttpEndpoints(true))));

    static StandInPushService pushService;

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void peopleSignUpOnThePage() {
        List<Participant> people = env.onWebPage("alice", "bob");
        alice = people.get(0).signUpOnPage();
        bob = people.get(1).signUpOnPage();
    }

    /**
     * The site's origin, as DevTools names it for a permission or a push: the server's base URL, which has no path
     * ({@link TestServer#baseUrl()}).
     */
    private static String origin() {
        return env.server().baseUrl();
    }

    @AfterAll
    static void stopThePushService() {
        if (pushService != null) {
            pushService.close();
        }
    }

    /**
     * Bob allows notifications again before each test: Chromium drops a permission set through DevTools when the tab
     * whose DevTools session set it closes (the closed-page test closes Bob's tab).
     */
    @BeforeEach
    void bothOnAFreshPage() {
        Notifications.allow(bob.browser(), origin());
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

    /**
     * A call answered while the page stays hidden (the SDK's session is made while hidden): its camera never goes
     * out until the page is shown, as a call's that was on when the page went out of sight.
     */
    @Test
    void aCallAnsweredWhileThePageIsHidden_sendsNoCameraUntilShown() {
        bob.browser().hide();
        alice.call(bob, VIDEO);
        bob.page().waitForIncomingCall();
        bob.accept();
        alice.waitForEvent("onRemoteMuteListener", bob);
        alice.hearsAudioFrom(bob);
        Poll.until("bob's camera track is stopped while hidden", Participant.TIMEOUT,
                () -> bob.localTrackCount("video") == 0);
        assertThat(bob.stats(alice).outboundVideoFramesSent()).as("bob's video framesSent while hidden").isZero();

        bob.browser().show();
        Poll.until("bob's video framesSent rises once shown", Participant.TIMEOUT,
                () -> bob.stats(alice).outboundVideoFramesSent() > 10);
        alice.seesVideoFrom(bob);

        alice.hangUp();
        bob.page().waitForStatus("ended");
    }

    /**
     * Headless Chromium here cannot subscribe to Web Push: {@code PushManager.subscribe} needs the browser's own push
     * service (Google's FCM for Chromium), which no loopback-only test reaches, and it never settles. So the test
     * makes the subscription a browser would (a key pair and an auth secret of the stand-in push service) and does
     * what the page does once {@code subscribe} resolves (js/background.js): it posts the subscription to the server
     * and leaves its sign-in with the service worker. The rest is real: the server pushes the call (VAPID and RFC 8291
     * checked by the stand-in), the push reaches the worker ({@code ServiceWorker.deliverPushMessage}, with the
     * payload the stand-in decrypted), which shows the notification; a page opened at the address the worker's Accept
     * opens ({@code clients.openWindow}, which Chromium allows only for a real click) signs in with what the worker
     * kept and answers the caller's next ring.
     */
    @Test
    void aCallToAClosedPageIsPushed_andThePageItsAcceptOpensSignsInAndAnswers() throws Exception {
        pushService = pushService != null ? pushService : new StandInPushService();
        Object subscribing = bob.browser().js("var me = JSON.parse(sessionStorage.getItem('meshcall.signin'));"
                + " return Promise.all([navigator.serviceWorker.ready, fetch('/api/push/key', {headers:"
                + " {Authorization: 'Bearer ' + me.token}}).then(function (res) { return res.json(); })])"
                + ".then(function (got) { return Promise.race([got[0].pushManager.subscribe({userVisibleOnly: true,"
                + " applicationServerKey: got[1].applicationServerKey}).then(function () { return 'subscribed'; },"
                + " function (e) { return 'refused: ' + e.name; }), new Promise(function (settle) {"
                + " setTimeout(function () { settle('no answer in 5 s'); }, 5000); })]); });");
        assertThat(subscribing).as("PushManager.subscribe in headless Chromium without its push service")
                .isNotEqualTo("subscribed");
        StandInPushService.Subscription subscription = pushService.subscribe();
        Object posted = bob.browser().js("var me = JSON.parse(sessionStorage.getItem('meshcall.signin'));"
                + " return fetch('/api/push/subscriptions', {method: 'POST', headers: {'Content-Type':"
                + " 'application/json', Authorization: 'Bearer ' + me.token}, body: arguments[0]})"
                + ".then(function (res) { return navigator.serviceWorker.ready.then(function (r) {"
                + " r.active.postMessage({type: 'remember-signin', me: me}); return res.status; }); });",
                subscription.json());
        assertThat(posted).as("POST /api/push/subscriptions").isEqualTo(201L);

        String bobsPage = bob.browser().driver().getWindowHandle();
        bob.browser().driver().switchTo().newWindow(WindowType.TAB);
        String blank = bob.browser().driver().getWindowHandle();
        bob.browser().driver().switchTo().window(bobsPage).close();
        bob.browser().driver().switchTo().window(blank);
        // the permission Bob gave stays with the site in a real browser; one given through DevTools left with the tab
        Notifications.allow(bob.browser(), origin());
        alice.page().waitUntilOffline(bob.account());
        alice.page().waitUntilPushReachable(bob.account());

        alice.page().click("video-call-" + bob.account().idText());
        alice.page().waitForStatus("calling");
        String session = alice.currentSessionId();
        StandInPushService.Push push = Poll.until("the stand-in push service gets the call's push",
                Participant.TIMEOUT, () -> pushService.pushes.stream().findFirst());
        assertThat(pushService.problems).as("what the stand-in refused").isEmpty();
        assertThat(push.payload().get("type").asText()).isEqualTo("call");
        assertThat(push.payload().get("callerID").asLong()).isEqualTo(alice.account().id());
        assertThat(push.payload().get("callerName").asText()).isEqualTo(alice.account().fullName());
        String sessionId = push.payload().get("sessionID").asText();
        assertThat(sessionId).isEqualTo(session);

        bob.browser().driver().executeCdpCommand("ServiceWorker.enable", Map.of());
        bob.browser().driver().executeCdpCommand("ServiceWorker.deliverPushMessage", Map.of("origin",
                origin(), "registrationId", "0", // its only registration
                "data", push.payload().toString()));
        bob.browser().open(origin() + "/"); // a page of the site that does not sign in, to read the notifications
        Map<String, Object> shown = Notifications.waitFor(bob.browser(), alice.account().fullName() + " is calling");
        assertThat(shown.get("actions")).isEqualTo(List.of("accept", "decline"));
        assertThat(shown.get("body")).isEqualTo("Video call on MeshCall");
        assertThat(bob.page().waitForStatusText("idle")).as("a page opened without a call to answer")
                .isEqualTo("Sign in or create an account");

        bob.browser().open(origin() + "/?call=" + sessionId + "&answer=accept");

        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        alice.seesAndHearsEachOther(bob);
        Notifications.waitForNone(bob.browser());
        assertThat(Set.copyOf(bob.browser().driver().getWindowHandles())).containsExactly(blank);

        alice.hangUp();
        bob.page().waitForStatus("ended");
    }
}
