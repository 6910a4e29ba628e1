package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.AUDIO;
import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls through the web app people use, clicking its controls ({@link CallPage}); media checked via getStats. */
class WebPageCallIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant alice;
    static Participant bob;

    @BeforeAll
    static void peopleSignUpOnThePage() {
        List<Participant> people = env.onWebPage("alice", "bob");
        alice = people.get(0).signUpOnPage();
        bob = people.get(1).signUpOnPage();
    }

    /** A third person who calls through the SDK harness page: only needed while Alice and Bob are talking. */
    static Participant carolOnTheSdk() {
        return env.onHarness("carol").get(0).signIn();
    }

    @BeforeEach
    void bothOnAFreshPage() {
        alice.signIn();
        bob.signIn();
    }

    @Test
    void aliceVideoCallsBob_bobAccepts_theyTalk_aliceHangsUp() {
        alice.call(bob, VIDEO);
        assertThat(bob.page().waitForIncomingCall()).isEqualTo(alice.account().fullName());
        assertThat(bob.page().element("incoming-type").getText()).isEqualTo("video");
        bob.accept();

        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        Figures.acceptToConnected("web-video", alice, bob);
        assertThat(alice.connectionStateFor(bob)).isEqualTo(PeerConnectionState.CONNECTED);
        assertThat(bob.connectionStateFor(alice)).isEqualTo(PeerConnectionState.CONNECTED);
        alice.seesAndHearsEachOther(bob);
        alice.usesLoopbackPathWith(bob);

        bob.page().toggleMic();
        assertThat(bob.localTrackEnabled("audio")).as("Bob's microphone track after 'Mute mic'").isFalse();
        assertThat(bob.page().element("mute-audio-button").getAttribute("aria-pressed")).isEqualTo("true");
        bob.page().toggleMic();
        assertThat(bob.localTrackEnabled("audio")).as("Bob's microphone track after 'Unmute mic'").isTrue();
        alice.page().toggleCamera();
        assertThat(alice.localTrackEnabled("video")).as("Alice's camera track after 'Stop camera'").isFalse();
        alice.page().toggleCamera();
        assertThat(alice.localTrackEnabled("video")).as("Alice's camera track after 'Start camera'").isTrue();

        alice.hangUp();

        bob.page().waitForStatus("ended");
        alice.page().waitForStatus("ended");
        bob.waitForEvent("onStopCallListener", alice);
    }

    @Test
    void anAudioCallFromThePageAsksForTheMicrophoneOnly() {
        alice.call(bob, AUDIO);
        bob.page().waitForIncomingCall();
        assertThat(bob.page().element("incoming-type").getText()).isEqualTo("audio");
        bob.accept();

        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        Figures.acceptToConnected("web-audio", alice, bob);
        assertThat(alice.localTrackCount("video")).as("Alice's local video tracks").isZero();
        assertThat(bob.localTrackCount("video")).as("Bob's local video tracks").isZero();
        alice.hearsAudioFrom(bob);
        bob.hearsAudioFrom(alice);
        assertThat(alice.stats(bob).inboundCount("video")).as("inbound video at Alice").isZero();

        bob.hangUp();
        alice.page().waitForStatus("ended");
    }

    @Test
    void bobSignsOut_aliceSeesHimGoOfflineAndBack() {
        alice.page().waitUntilOnline(bob.account());

        bob.page().signOut();
        alice.page().waitUntilOffline(bob.account());

        bob.page().signIn(bob.account().login(), bob.account().password());
        alice.page().waitUntilOnline(bob.account());
    }

    @Test
    void daveCannotUseHisCamera_hisPageSaysWhy_andAlicesPageSaysSoRatherThanDeclined() {
        Participant dave = env.onWebPageWithoutMediaPermission("dave").signUpOnPage();
        try {
            alice.call(dave, VIDEO);
            dave.accept();

            assertThat(dave.page().waitForStatusText("error")).as("Dave's page")
                    .startsWith("Cannot use your camera or microphone").contains("NotAllowedError");
            assertThat(alice.page().waitForStatusText("unavailable")).as("Alice's page")
                    .startsWith(dave.account().fullName() + " could not start their camera")
                    .doesNotContain("declined");
            assertThat(alice.waitForEvent("onRejectCallListener", dave).extension())
                    .as("Dave's reject says why").containsEntry("reason", "media");
            dave.page().signOut();
        } finally {
            env.browsers().close("dave"); // three browsers at a time are what 2 cores carry
        }
    }

    @Test
    void bobRejectsOnThePage_eachPageNamesTheOther() {
        alice.call(bob, VIDEO);
        bob.reject();

        assertThat(bob.page().waitForStatusText("rejected")).as("Bob's page after he declined")
                .isEqualTo("You declined the call from " + alice.account().fullName());
        assertThat(alice.page().waitForStatusText("rejected")).as("Alice's page")
                .isEqualTo(bob.account().fullName() + " declined the call");
        alice.waitForEvent("onRejectCallListener", bob);
    }

    @Test
    void aSecondCallWhileInACallIsRejectedAsBusy() {
        alice.call(bob, VIDEO);
        bob.accept();
        alice.page().waitForStatus("connected");
        bob.page().waitForStatus("connected");
        Participant carol = carolOnTheSdk();
        try {
            carol.call(bob, VIDEO);

            Event rejected = carol.waitForEvent("onRejectCallListener", bob);
            assertThat(rejected.extension()).containsEntry("busy", true);
            assertThat(bob.page().element("incoming-dialog").isDisplayed()).as("Bob's incoming-call dialog").isFalse();
            bob.page().waitForStatus("connected");
            alice.seesVideoFrom(bob);

            bob.hangUp();
            alice.page().waitForStatus("ended");
        } finally {
            env.browsers().close("carol"); // three browsers at a time are what 2 cores carry
        }
    }
}
