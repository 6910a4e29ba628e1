package dev.meshcall.server.relay.xmpp;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** The XMPP bridge's meters: sessions, logins again after a loss, held signals, dropped incoming stanzas. */
public final class XmppMetrics {
    private static final List<String> DROP_REASONS = List.of("delayed", "bad_request", "too_large", "wrong_from",
            "unparsable", "expired", "bounced", "push_request");

    private XmppMetrics() {
    }

    public static void bind(XmppRelay relay, MeterRegistry registry) {
        XmppStats stats = relay.stats();
        Gauge.builder("meshcall.xmpp.sessions", relay, XmppRelay::sessionCount)
                .description("users with an XMPP session on this node").register(registry);
        Gauge.builder("meshcall.xmpp.logged.in", relay, XmppRelay::loggedInCount)
                .description("XMPP sessions logged in now").register(registry);
        FunctionCounter.builder("meshcall.xmpp.reconnects", stats, XmppStats::reconnects)
                .description("XMPP logins again after a lost connection").register(registry);
        FunctionCounter.builder("meshcall.xmpp.buffered", stats, XmppStats::bufferedCount)
                .description("signals that waited for the XMPP connection or the recipient").register(registry);
        for (String reason : DROP_REASONS) {
            FunctionCounter.builder("meshcall.xmpp.dropped", stats, s -> s.droppedCount(reason))
                    .description("incoming stanzas dropped, by reason").tag("reason", reason).register(registry);
        }
    }
}
