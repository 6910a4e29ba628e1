package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group calls through the web app's UI ({@link CallPage}, by data-testid): choosing people, one tile per participant,
 * who is busy, who left; media checked via getStats. Three browsers, reused by every test; a group call asks the
 * fake camera for 320x240 at 15 frames/s (the page's rule for group calls), what 2 cores carry for three.
 */
class GroupPageCallIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

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
    void aliceChoosesThreePeople_aFourthIsRefusedWithANote() {
        try (OnlineUser dave = OnlineUser.signUp(env.server(), "dave");
                OnlineUser erin = OnlineUser.signUp(env.server(), "erin")) {
            CallPage page = alice.page();
            for (Account person : List.of(bob.account(), carol.account(), dave.account(), erin.account())) {
                page.waitUntilOnline(person);
            }
            page.choose(bob.account());
            page.choose(carol.account());
            page.choose(dave.account());
            assertThat(page.selectionNote().getAttribute("data-state")).isEqualTo("chosen");
            assertThat(page.selectionNote().getText()).as("the note names who is chosen")
                    .contains(bob.account().fullName(), carol.account().fullName(), dave.account().fullName());

            page.choose(erin.account());

            assertThat(page.selectionNote().getAttribute("data-state")).isEqualTo("refused");
            assertThat(page.selectionNote().getText()).contains("up to 4 people").contains(erin.account().fullName());
            assertThat(page.element("select-" + erin.account().idText()).isSelected()).as("Erin's box").isFalse();
            assertThat(page.element("call-selected-video").getText()).isEqualTo("Video call selected (3)");
            assertThat(page.element("call-selected-video").isEnabled()).isTrue();
        }
    }

    @Test
    void bobIsInACallWithCarol_aliceCallsBob_andHerPageSaysBobIsBusy() {
        carol.call(bob, VIDEO);
        bob.accept();
        bob.page().waitForStatus("connected");
        carol.page().waitForStatus("connected");

        // not alice.call(..): the "busy" answer can come back before a poll sees the page's "calling"
        alice.page().videoCall(bob.account());

        assertThat(alice.page().waitForStatusText("busy")).as("Alice's page")
                .isEqualTo(bob.account().fullName() + " is busy");
        assertThat(bob.page().element("incoming-dialog").isDisplayed()).as("Bob's incoming-call dialog").isFalse();
        bob.page().waitForStatus("connected");
        bob.seesVideoFrom(carol);

        bob.hangUp();
        carol.page().waitForStatus("ended");
    }

    /**
     * What holds with a star SDK (callees linked to the initiator only) and with a mesh alike: the initiator has a
     * tile and media for each callee, each callee one for her; the call goes on when one callee leaves, and ends for
     * her when the last one does.
     */
    @Test
    void aliceCallsBobAndCarolTogether_eachCalleeSeesHer_theCallGoesOnUntilTheLastLeaves() {
        alice.call(List.of(bob, carol), VIDEO, Map.of());
        for (Participant callee : List.of(bob, carol)) {
            Participant other = callee == bob ? carol : bob;
            assertThat(callee.page().waitForIncomingCall()).as("%s's dialog names the caller", callee)
                    .isEqualTo(alice.account().fullName());
            assertThat(callee.page().element("incoming-others").getText()).as("%s's dialog names the others", callee)
                    .contains(other.account().fullName());
        }
        bob.accept();
        carol.accept();

        assertThat(alice.page().waitForTile(bob.account())).isEqualTo(bob.account().fullName());
        assertThat(alice.page().waitForTile(carol.account())).isEqualTo(carol.account().fullName());
        assertThat(bob.page().waitForTile(alice.account())).isEqualTo(alice.account().fullName());
        assertThat(carol.page().waitForTile(alice.account())).isEqualTo(alice.account().fullName());
        alice.seesVideoFrom(bob);
        alice.seesVideoFrom(carol);
        bob.seesVideoFrom(alice);
        carol.seesVideoFrom(alice);
        alice.usesLoopbackPathWith(bob);
        alice.usesLoopbackPathWith(carol);
        env.screenshots("group-call", alice, bob, carol);

        bob.hangUp();

        bob.page().waitForStatus("ended");
        alice.page().waitForNoTile(bob.account());
        assertThat(alice.page().waitForToast(" left")).isEqualTo(bob.account().fullName() + " left");
        alice.page().waitForStatus("connected");
        assertThat(alice.page().waitForTile(carol.account())).isEqualTo(carol.account().fullName());
        alice.seesVideoFrom(carol);
        carol.seesVideoFrom(alice);

        carol.hangUp();
        carol.page().waitForStatus("ended");
        assertThat(alice.page().waitForStatusText("ended")).as("Alice's page when the last one left")
                .isEqualTo("Call ended — " + carol.account().fullName() + " left");
    }

    /**
     * Needs the mesh on both ends: the SDK (merged) links Bob and Carol, and the server must relay a callee's offer to
     * another callee, which main's server refuses ("callerID … is not the sender …", SignalRules).
     */
    @Test
    void threePeopleInAMesh_theInitiatorLeaves_bobAndCarolGoOn() {
        List<Participant> everyone = List.of(alice, bob, carol);
        alice.call(List.of(bob, carol), VIDEO, Map.of());
        bob.accept();
        carol.accept();

        for (Participant p : everyone) {
            for (Participant q : everyone) {
                if (p != q) {
                    assertThat(p.page().waitForTile(q.account())).as("%s's tile for %s", p, q)
                            .isEqualTo(q.account().fullName());
                }
            }
        }
        for (Participant p : everyone) {
            for (Participant q : everyone) {
                if (p != q) {
                    p.seesVideoFrom(q);
                }
            }
        }
        bob.usesLoopbackPathWith(carol);
        env.screenshots("mesh-of-three", alice, bob, carol);

        alice.hangUp();

        alice.page().waitForStatus("ended");
        for (Participant[] pair : new Participant[][] {{bob, carol}, {carol, bob}}) {
            CallPage page = pair[0].page();
            page.waitForNoTile(alice.account());
            assertThat(page.waitForToast(" left")).isEqualTo(alice.account().fullName() + " left");
            page.waitForStatus("connected");
            assertThat(page.waitForTile(pair[1].account())).isEqualTo(pair[1].account().fullName());
            pair[0].seesVideoFrom(pair[1]);
        }

        bob.hangUp();
        carol.page().waitForStatus("ended");
    }
}
