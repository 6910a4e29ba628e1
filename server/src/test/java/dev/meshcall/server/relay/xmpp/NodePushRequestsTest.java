package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The text of a push request between nodes, unsealed: what is read, and what is refused. */
class NodePushRequestsTest {
    private static final long NOW = 1_700_000_000_000L;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "call 5 7 0c7d-AB 1 1700000000000|true|5|7|0c7d-AB|VIDEO",
        "call 2147483647 1 s 2 1699999940000|true|2147483647|1|s|AUDIO",
        "cancel 5 7 0c7d-AB 1700000060000|false|5|7|0c7d-AB|",
    })
    void reads(String text, boolean ring, int caller, int recipient, String session, CallType callType) {
        NodePushRequests.Request request = NodePushRequests.parse(text, NOW).orElseThrow();
        assertThat(request).isEqualTo(new NodePushRequests.Request(ring, caller, recipient, session, callType,
                request.sent()));
        assertThat(NodePushRequests.parse(request.text(), NOW)).hasValue(request);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type|ring 5 7 s 1 1700000000000",
        "call type 3|call 5 7 s 3 1700000000000",
        "no call type|call 5 7 s 1700000000000",
        "call type on a cancel|cancel 5 7 s 1 1700000000000",
        "user 0|call 0 7 s 1 1700000000000",
        "negative user|call -5 7 s 1 1700000000000",
        "user over int|call 2147483648 7 s 1 1700000000000",
        "leading zero|call 05 7 s 1 1700000000000",
        "calls oneself|call 7 7 s 1 1700000000000",
        "session with a dot|call 5 7 a.b 1 1700000000000",
        "session too long|call 5 7 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1 1700000000000",
        "too old|call 5 7 s 1 1699999939999",
        "too far ahead|cancel 5 7 s 1700000060001",
        "extra field|call 5 7 s 1 1700000000000 x",
        "two spaces|call 5  7 s 1 1700000000000",
        "trailing newline|'call 5 7 s 1 1700000000000\n'",
        "empty|''",
    })
    void refuses(String why, String text) {
        assertThat(NodePushRequests.parse(text, NOW)).as(why).isEmpty();
    }
}
