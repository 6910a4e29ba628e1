package dev.meshcall.e2e.bench;

import static dev.meshcall.e2e.CallType.VIDEO;

import dev.meshcall.e2e.Browser;
import dev.meshcall.e2e.Browsers;
import dev.meshcall.e2e.Participant;
import dev.meshcall.e2e.TestServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * P2: group call setup through the SDK harness, four Chromiums at 320x240@15. From the last callee's
 * {@code session.accept} to every link of the mesh CONNECTED on both of its ends (the latest of all those
 * {@code onSessionConnectionStateChangedListener} calls), for 2 (the 1:1 baseline), 3 and 4 people in the same run;
 * with the CPU the browsers spend per call.
 */
final class MeshSetupBench {
    private final List<Participant> people = new ArrayList<>();

    MeshSetupBench(TestServer server, Browsers browsers) {
        String[] names = {"p2-ann", "p2-bob", "p2-cat", "p2-dan"};
        List<Browser> started = browsers.start(names);
        for (int i = 0; i < names.length; i++) {
            Participant p = Participant.onHarness(names[i], started.get(i), server);
            p.signIn();
            people.add(p);
        }
    }

    /**
     * Figures of {@code calls} calls of {@code size} people, each from the last callee's accept: every link connected
     * on both ends; the last callee's link with the initiator (set up exactly as a 1:1 call is, but in browsers that
     * already send and receive the others' media: the floor for the whole); its links with the other callees (the
     * mesh's own part). And the CPU the browsers spent per call.
     *
     * <p>{@code highestIdLast}: the callees accept in the order of their user ids, so the last one has the highest
     * and must make its offers to the others once it accepts (the seed's rule: the higher id offers; the slow order);
     * otherwise in the reverse order, so the last one finds the others' offers waiting and only answers them.
     */
    record Result(Samples lastAcceptToAllConnected, Samples initiatorLink, Samples calleeLinks,
            double browserCpuMsPerCall) {
    }

    Result measure(int size, int calls, boolean highestIdLast) {
        return measure(people.subList(0, size), calls, highestIdLast);
    }

    /** {@link #measure(int, int, boolean)} for {@code call}, whose first participant is the caller. */
    private Result measure(List<Participant> call, int calls, boolean highestIdLast) {
        int size = call.size();
        Participant caller = call.get(0);
        List<Participant> callees = new ArrayList<>(call.subList(1, size));
        Comparator<Participant> byId = Comparator.comparingLong(p -> Long.parseLong(p.account().idText()));
        callees.sort(highestIdLast ? byId : byId.reversed());
        Samples setup = new Samples();
        Samples initiatorLink = new Samples();
        Samples calleeLinks = new Samples();
        long cpuBefore = browserCpuMillis();
        for (int i = 0; i < calls; i++) {
            call.forEach(Participant::clearEvents);
            caller.call(callees, VIDEO, Map.of());
            double lastAccept = 0;
            for (Participant callee : callees) {
                callee.waitForIncomingCall(caller);
                callee.accept();
                lastAccept = Math.max(lastAccept, callee.lastAcceptAt());
            }
            Participant last = callees.get(callees.size() - 1);
            double allConnected = 0;
            double withInitiator = 0;
            double withCallees = 0;
            for (Participant x : call) {
                for (Participant y : call) {
                    if (x == y) {
                        continue;
                    }
                    double connected = x.waitForConnectedTo(y).time();
                    allConnected = Math.max(allConnected, connected);
                    if ((x == last || y == last) && (x == caller || y == caller)) {
                        withInitiator = Math.max(withInitiator, connected);
                    } else if (x == last || y == last) {
                        withCallees = Math.max(withCallees, connected);
                    }
                }
            }
            setup.add(allConnected - lastAccept);
            initiatorLink.add(withInitiator - lastAccept);
            if (size > 2) {
                calleeLinks.add(withCallees - lastAccept);
            }
            for (Participant p : call.subList(0, size - 1)) {
                p.hangUp();
            }
            call.get(size - 1).waitForEvent("onSessionCloseListener");
        }
        return new Result(setup, initiatorLink, calleeLinks, (browserCpuMillis() - cpuBefore) / (double) calls);
    }

    /**
     * A 1:1 call's setup (the callee's accept → both ends CONNECTED, {@code calls} times) between the third and fourth
     * browsers while the first two are in a call of their own: the CPU load a 3-person mesh's last accept meets (one
     * call already sending and decoding video both ways), without the mesh. P2 against this tells the mesh's own part
     * from what the browsers sharing this machine's cores cost every setup.
     */
    Samples loadedOneToOne(int calls) {
        Participant ann = people.get(0);
        Participant bob = people.get(1);
        people.forEach(Participant::clearEvents);
        ann.call(List.of(bob), VIDEO, Map.of());
        bob.waitForIncomingCall(ann);
        bob.accept();
        ann.waitForConnectedTo(bob);
        bob.waitForConnectedTo(ann);
        Samples setup = measure(people.subList(2, 4), calls, true).lastAcceptToAllConnected();
        ann.hangUp();
        bob.waitForEvent("onSessionCloseListener");
        return setup;
    }

    /**
     * CPU used so far by the Chromium processes this benchmark started (through chromedriver). Not every Chromium on
     * the machine: the loopback namespace isolates the network, not the process table, so another job's browsers on
     * this shared machine would be counted too.
     */
    private static long browserCpuMillis() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("chromium")).orElse(false))
                .mapToLong(p -> {
                    try {
                        return CpuTime.millis(p.pid());
                    } catch (RuntimeException ended) {
                        return 0;
                    }
                })
                .sum();
    }
}
