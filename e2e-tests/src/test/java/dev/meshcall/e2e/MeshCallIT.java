package dev.meshcall.e2e;

import static dev.meshcall.e2e.CallType.VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group calls through the SDK harness: a real mesh of up to four browsers (320x240@15 fake video), where every
 * participant decodes every other, the links between callees come up without waiting for a re-dial, and the call goes
 * on as people (the initiator too) leave. Accounts are made in this order, so the ids grow: ann < bob < cat < dan.
 */
class MeshCallIT {
    @RegisterExtension
    static final E2eEnvironment env = new E2eEnvironment();

    static Participant ann;
    static Participant bob;
    static Participant cat;
    static Participant dan;

    @BeforeAll
    static void people() {
        List<Participant> people = env.onHarness("ann", "bob", "cat", "dan");
        ann = people.get(0);
        bob = people.get(1);
        cat = people.get(2);
        dan = people.get(3);
    }

    @BeforeEach
    void everyoneSignsIn() {
        for (Participant p : List.of(ann, bob, cat, dan)) {
            p.signIn();
        }
    }

    @Test
    void fourPeopleEachDecodeTheOtherThree_andTheCallGoesOnAsPeopleAndTheInitiatorLeave() {
        String session = ann.call(List.of(bob, cat, dan), VIDEO, Map.of());
        for (Participant callee : List.of(bob, cat, dan)) {
            callee.waitForIncomingCall(ann);
            callee.accept();
        }
        List<Participant> all = List.of(ann, bob, cat, dan);

        for (Participant x : all) {
            for (Participant y : others(all, x)) {
                x.waitForConnectedTo(y);
            }
        }
        everyoneDecodesEveryOther(all);
        assertThat(bob.browser().js("var ids = window.session.opponentsIDs;"
                + " return Array.isArray(ids) ? ids.slice().sort().join(',') : String(ids);"))
                .as("Bob's session.opponentsIDs, an Array as in the seed's SDK")
                .isEqualTo(List.of(bob, cat, dan).stream().map(p -> p.account().idText()).sorted()
                        .collect(Collectors.joining(",")));
        for (Participant x : all) {
            for (Participant y : others(all, x)) {
                if (idOf(x) < idOf(y)) {
                    x.usesLoopbackPathWith(y);
                }
                assertThat(x.events("onRemoteStreamListener").stream()
                        .filter(e -> session.equals(e.sessionId()) && y.account().idText().equals(e.userId())))
                        .as("%s's onRemoteStreamListener calls for %s", x, y).hasSize(1);
                long accepts = x.events("onAcceptCallListener").stream()
                        .filter(e -> y.account().idText().equals(e.userId())).count();
                assertThat(accepts).as("%s's onAcceptCallListener calls for %s", x, y).isEqualTo(y == ann ? 0 : 1);
            }
        }

        dan.hangUp();
        for (Participant p : List.of(ann, bob, cat)) {
            p.waitForEvent("onStopCallListener", dan);
        }
        ann.hangUp();
        bob.waitForEvent("onStopCallListener", ann);
        cat.waitForEvent("onStopCallListener", ann);
        everyoneDecodesEveryOther(List.of(bob, cat));
        assertThat(bob.sessionState()).as("Bob's session after the initiator left").isEqualTo(2);
        assertThat(cat.sessionState()).as("Cat's session after the initiator left").isEqualTo(2);

        bob.hangUp();
        Event closed = cat.waitForEvent("onSessionCloseListener");
        assertThat(closed.get("closeReason")).as("Cat's session closes with its last link").isEqualTo("ended");
    }

    @Test
    void theLowerCalleeAcceptingTwoSecondsLater_linksToTheHigherWithinADialingInterval() {
        ann.call(List.of(bob, cat), VIDEO, Map.of());
        bob.waitForIncomingCall(ann);
        cat.waitForIncomingCall(ann);
        cat.accept();
        cat.waitForConnectedTo(ann);
        double catAccepted = cat.lastAcceptAt();
        Poll.until("2 s after Cat accepted", Participant.TIMEOUT,
                () -> System.currentTimeMillis() >= catAccepted + 2_000);

        bob.accept();

        Event bobSide = bob.waitForConnectedTo(cat);
        Event catSide = cat.waitForConnectedTo(bob);
        double linked = Math.max(bobSide.time(), catSide.time()) - bob.lastAcceptAt();
        Figures.print("mesh-link-after-second-accept", "3-people", "both", linked);
        assertThat(linked).as("ms from Bob's accept to the Bob-Cat link CONNECTED on both ends")
                .isLessThan(5_000.0);
        bob.seesVideoFrom(cat);
        cat.seesVideoFrom(bob);
        bob.usesLoopbackPathWith(cat);
    }

    @Test
    void aFourthCalleeIsRefusedBySdkNamingTheLimit() {
        Account eve = env.server().signUp("eve");
        String error = ann.createSessionError(
                List.of(bob.account().id(), cat.account().id(), dan.account().id(), eve.id()), VIDEO)
                .orElseThrow(() -> new AssertionError("createNewSession with 4 callees did not throw"));

        assertThat(error).contains("1 to 3").contains("4");
    }

    /**
     * Every participant's inbound video frames decoded and audio bytes received rise for every other participant:
     * one reading of all pairs, then readings of the pairs not risen yet until all have (one pass over the mesh at
     * a time, rather than a poll per pair, since each getStats of a loaded 4-browser mesh is slow).
     */
    private static void everyoneDecodesEveryOther(List<Participant> people) {
        Map<String, long[]> first = new java.util.HashMap<>();
        for (Participant x : people) {
            for (Participant y : others(people, x)) {
                RtcStats stats = x.stats(y);
                first.put(x + " from " + y, new long[] {stats.inboundVideoFramesDecoded(),
                    stats.inboundAudioBytesReceived()});
            }
        }
        java.util.Set<String> waiting = new java.util.TreeSet<>(first.keySet());
        Poll.until("video frames decoded and audio bytes received rising for every pair",
                Participant.TIMEOUT, () -> {
                    for (Participant x : people) {
                        for (Participant y : others(people, x)) {
                            String pair = x + " from " + y;
                            if (waiting.contains(pair)) {
                                RtcStats stats = x.stats(y);
                                long[] before = first.get(pair);
                                if (stats.inboundVideoFramesDecoded() > before[0]
                                        && stats.inboundAudioBytesReceived() > before[1]) {
                                    waiting.remove(pair);
                                }
                            }
                        }
                    }
                    if (!waiting.isEmpty()) {
                        throw new IllegalStateException("not rising yet: " + waiting);
                    }
                    return true;
                });
    }

    private static long idOf(Participant p) {
        return ((Number) p.account().id()).longValue();
    }

    private static List<Participant> others(List<Participant> all, Participant me) {
        return all.stream().filter(p -> p != me).toList();
    }
}
