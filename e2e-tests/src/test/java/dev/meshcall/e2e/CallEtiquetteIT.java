package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the SDK settles by itself, through the harness: two people calling each other at once (glare) end in one
 * working call; a call to someone in a call is declined as busy; a user signed in on two pages has both ring, and
 * answering on one stops the other. Runs over both relays (see the e2e-xmpp execution).
 */
class CallEtiquetteIT {
    private static final int GLARE_ROUNDS = 10;

    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant ann;
    static Participant bob;
    static Participant cat;
    static Participant bobsOtherPage;

    @BeforeAll
    static void people() {
        List<Participant> people = env.onHarness("ann", "bob", "cat");
        ann = people.get(0);
        bob = people.get(1);
        cat = people.get(2);
        bobsOtherPage = Participant.anotherDeviceOf(bob, "bob-2", env.browsers().get("bob-2"), env.server());
    }

    @BeforeEach
    void signIn() {
        bobsOtherPage.browser().open("about:blank");
        ann.signIn();
        bob.signIn();
        cat.signIn();
    }

    @Test
    void glare_tenTimesWithRandomJitter_alwaysEndsInOneConnectedCall() {
        Random jitter = new Random(20261206L);
        for (int round = 1; round <= GLARE_ROUNDS; round++) {
            String annSession = createWithMedia(ann, bob);
            String bobSession = createWithMedia(bob, ann);
            int annDelay = jitter.nextInt(101);
            int bobDelay = jitter.nextInt(101);
            ann.browser().js("return h.callLater(arguments[0], arguments[1]);", annDelay, annSession);
            bob.browser().js("return h.callLater(arguments[0], arguments[1]);", bobDelay, bobSession);

            String context = "round " + round + " (Ann calls after " + annDelay + " ms, Bob after " + bobDelay + " ms)";
            String shared = Poll.until(context + ": one session open on each side, the same one, connected",
                    Participant.TIMEOUT, () -> {
                        List<Map<String, Object>> annOpen = openSessions(ann);
                        List<Map<String, Object>> bobOpen = openSessions(bob);
                        if (annOpen.size() != 1 || bobOpen.size() != 1
                                || !annOpen.get(0).get("id").equals(bobOpen.get(0).get("id"))) {
                            return java.util.Optional.empty();
                        }
                        String id = (String) annOpen.get(0).get("id");
                        boolean connected = connectionState(ann, id, bob) == PeerConnectionState.CONNECTED
                                && connectionState(bob, id, ann) == PeerConnectionState.CONNECTED;
                        return connected ? java.util.Optional.of(id) : java.util.Optional.empty();
                    });
            assertThat(ann.events("callCallback")).as(context + ": Ann's call errors").isEmpty();
            assertThat(bob.events("callCallback")).as(context + ": Bob's call errors").isEmpty();
            assertThat(ann.events("onRejectCallListener")).as(context).isEmpty();
            assertThat(bob.events("onRejectCallListener")).as(context).isEmpty();

            assertThat(ann.browser().jsMap("return h.stop({}, arguments[0]);", shared))
                    .as(context + ": Ann hangs up").containsEntry("ok", true);
            Poll.until(context + ": both sessions closed", Participant.TIMEOUT,
                    () -> openSessions(ann).isEmpty() && openSessions(bob).isEmpty());
            ann.clearEvents();
            bob.clearEvents();
        }
    }

    @Test
    void aCallToSomeoneInACallIsDeclinedAsBusy_withoutRingingThem() {
        ann.call(bob, VIDEO);
        bob.waitForIncomingCall(ann);
        bob.accept();
        ann.waitForConnectedTo(bob);

        cat.call(bob, VIDEO);

        Event busy = cat.waitForEvent("onRejectCallListener", bob);
        assertThat(busy.extension()).as("the automatic reject's userInfo").containsEntry("busy", true);
        cat.waitForEvent("onSessionCloseListener");
        assertThat(bob.events("onCallListener")).as("Bob's incoming calls").hasSize(1);
        ann.seesVideoFrom(bob);
    }

    @Test
    void bothPagesOfOneUserRing_acceptingOnOneStopsTheOther() {
        bobsOtherPage.signIn();
        ann.call(bob, VIDEO);
        bob.waitForIncomingCall(ann);
        bobsOtherPage.waitForIncomingCall(ann);

        bob.accept();

        Event closed = bobsOtherPage.waitForEvent("onSessionCloseListener");
        assertThat(closed.get("closeReason")).isEqualTo("acceptedElsewhere");
        ann.waitForConnectedTo(bob);
        ann.seesAndHearsEachOther(bob);
        assertThat(bobsOtherPage.events("onRemoteStreamListener")).isEmpty();
    }

    @Test
    void bothPagesOfOneUserRing_decliningOnOneStopsTheOther() {
        bobsOtherPage.signIn();
        ann.call(bob, VIDEO);
        bob.waitForIncomingCall(ann);
        bobsOtherPage.waitForIncomingCall(ann);

        bobsOtherPage.reject(Map.of("reason", "not now"));

        Event closed = bob.waitForEvent("onSessionCloseListener");
        assertThat(closed.get("closeReason")).isEqualTo("rejectedElsewhere");
        Event rejected = ann.waitForEvent("onRejectCallListener", bob);
        assertThat(rejected.extension()).containsEntry("reason", "not now");
    }

    // ---------------------------------------------------------------- helpers

    /** Creates a video session from {@code caller} to {@code callee} with local media; returns its id. */
    private static String createWithMedia(Participant caller, Participant callee) {
        Map<String, Object> created = caller.browser().jsMap(
                "return h.createSession([arguments[0]], MeshCall.videochat.CallType.VIDEO, {});",
                callee.account().id());
        String id = (String) created.get("id");
        assertThat(id).as("%s: createNewSession", caller).isNotNull();
        Map<String, Object> media = caller.browser().jsMap("return h.getUserMedia(arguments[0], arguments[1]);",
                VIDEO.mediaParams(), id);
        assertThat(media).as("%s: getUserMedia", caller).containsEntry("ok", true);
        return id;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> openSessions(Participant p) {
        return (List<Map<String, Object>>) p.browser().js("return h.openSessions();");
    }

    private static PeerConnectionState connectionState(Participant p, String sessionId, Participant peer) {
        Object state = p.browser().js("var id = arguments[0], peer = arguments[1];"
                + " var s = Object.values(sessions).filter(function (x) { return x.ID === id; })[0];"
                + " return s ? s.connectionStateForUser(peer) : null;",
                sessionId, peer.account().id());
        return PeerConnectionState.of((Number) state);
    }
}
