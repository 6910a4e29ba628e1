package dev.meshcall.e2e;

import java.util.Locale;

/** Measured figures, one {@code E2E-FIGURE} line each on System.out (the lead collects them and reports medians). */
public final class Figures {
    private Figures() {
    }

    /**
     * Waits for CONNECTED on both sides of the current call and prints the time from the callee's accept to each
     * side's CONNECTED (both browsers read the same machine clock).
     */
    public static void acceptToConnected(String call, Participant caller, Participant callee) {
        Event calleeConnected = callee.waitForConnectedTo(caller);
        Event callerConnected = caller.waitForConnectedTo(callee);
        double acceptAt = callee.lastAcceptAt();
        print("accept-to-connected", call, "callee", calleeConnected.time() - acceptAt);
        print("accept-to-connected", call, "caller", callerConnected.time() - acceptAt);
    }

    public static void print(String figure, String call, String side, double millis) {
        System.out.println(String.format(Locale.ROOT, "E2E-FIGURE %s call=%s side=%s ms=%.1f", figure, call, side,
                millis));
    }
}
