package dev.meshcall.server.relay.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.jxmpp.jid.impl.JidCreate;

class XmppAddressesTest {
    private final XmppAddresses addresses = new XmppAddresses("example.org", "1");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "56-1@example.org/web, 56",
        "76-1@example.org, 76",
        "2147483647-1@example.org, 2147483647",
        "2147483648-1@example.org, -1",
        "056-1@example.org, -1",
        "56-2@example.org, -1",
        "56-1@other.org, -1",
        "abc-1@example.org, -1",
        "-1@example.org, -1",
        "example.org, -1",
    })
    void readsTheUserIdFromAJid(String jid, int expected) throws Exception {
        OptionalInt id = addresses.userIdOf(JidCreate.from(jid));

        assertThat(id).isEqualTo(expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected));
    }

    @ParameterizedTest
    @CsvSource({"56, 56-1@example.org", "1, 1-1@example.org"})
    void writesTheBareJidOfAUser(int userId, String expected) {
        assertThat(addresses.bareJid(userId).toString()).isEqualTo(expected);
    }
}
