package dev.meshcall.server;

import dev.meshcall.server.ws.TrafficBudgets;

/**
 * Traffic budgets for test harnesses that start calls between the same two users many times a second, far more
 * often than people do, and are not about the budgets: with these only what a test aims at is ever limited.
 */
final class HarnessBudgets {
    static final TrafficBudgets GENEROUS = new TrafficBudgets(64 << 20, 64 << 20, 10_000, 10_000);

    private HarnessBudgets() {
    }
}
