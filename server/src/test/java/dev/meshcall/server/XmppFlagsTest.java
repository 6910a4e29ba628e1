package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshcall.server.relay.xmpp.XmppHost;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmppFlagsTest {

    @Test
    void withoutAnXmppHostTheRelayIsInProcess() throws Exception {
        assertThat(ServerFlags.parse(new String[0], Map.of()).xmpp()).isNull();
    }

    @Test
    void flagsAndEnvironmentMakeTheXmppSettings_flagsWin() throws Exception {
        XmppSettings settings = ServerFlags.parse(new String[] {"--xmpp-host", "xmpp.internal", "--xmpp-tls=disabled"},
                Map.of("MESHCALL_XMPP_HOST", "ignored", "MESHCALL_XMPP_DOMAIN", "example.org",
                        "MESHCALL_XMPP_APP_ID", "42", "MESHCALL_XMPP_PORT", "5333")).xmpp();

        assertThat(settings.host()).isEqualTo("xmpp.internal");
        assertThat(settings.port()).isEqualTo(5333);
        assertThat(settings.domain()).isEqualTo("example.org");
        assertThat(settings.appId()).isEqualTo("42");
        assertThat(settings.tls()).isEqualTo(XmppSettings.Tls.DISABLED);
    }

    @Test
    void defaults_domainIsTheHost_tlsRequired_appId1() throws Exception {
        XmppSettings settings = ServerFlags.parse(new String[] {"--xmpp-host", "chat.example.org"}, Map.of()).xmpp();

        assertThat(settings.domain()).isEqualTo("chat.example.org");
        assertThat(settings.port()).isEqualTo(5222);
        assertThat(settings.appId()).isEqualTo("1");
        assertThat(settings.tls()).isEqualTo(XmppSettings.Tls.REQUIRED);
    }

    @Test
    void badValuesNameTheFlag() {
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-port", "5222"}, Map.of()))
                .hasMessageContaining("--xmpp-port needs --xmpp-host");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "h", "--xmpp-port", "x"}, Map.of()))
                .hasMessageContaining("--xmpp-port");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "h", "--xmpp-tls", "maybe"},
                Map.of())).hasMessageContaining("required, if-possible or disabled");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "h", "--xmpp-app-id", "a-b"},
                Map.of())).hasMessageContaining("app id");
    }

    @Test
    void severalHosts_eachWithItsPortOrTheDefault_fromTheFlagOrTheEnvironment() throws Exception {
        XmppSettings settings = ServerFlags.parse(new String[] {"--xmpp-host",
                "a.internal, 10.0.0.2:5333,[fd00::3]:5444,fd00::4", "--xmpp-port", "5300", "--xmpp-domain",
                "example.org"}, Map.of()).xmpp();

        assertThat(settings.hosts()).containsExactly(new XmppHost("a.internal", 5300), new XmppHost("10.0.0.2", 5333),
                new XmppHost("fd00::3", 5444), new XmppHost("fd00::4", 5300));
        assertThat(settings.hostsText()).isEqualTo("a.internal:5300,10.0.0.2:5333,[fd00::3]:5444,[fd00::4]:5300");
        assertThat(ServerFlags.parse(new String[0], Map.of("MESHCALL_XMPP_HOST", "a:5222,b:5223",
                "MESHCALL_XMPP_DOMAIN", "example.org")).xmpp().hosts())
                .containsExactly(new XmppHost("a", 5222), new XmppHost("b", 5223));
        assertThat(ServerFlags.parse(new String[] {"--xmpp-host", "chat.example.org:5333"}, Map.of()).xmpp().domain())
                .as("one host: its name is the domain").isEqualTo("chat.example.org");
        assertThat(ServerFlags.usage()).contains("--xmpp-host HOSTS").contains("separated by commas")
                .contains("MESHCALL_XMPP_HOST");
    }

    @Test
    void badHostListsNameTheEntry() {
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "a,b"}, Map.of()))
                .hasMessageContaining("--xmpp-domain is needed with several --xmpp-host entries (2 given)");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "a,,b", "--xmpp-domain", "d"},
                Map.of())).hasMessageContaining("--xmpp-host: XMPP host list has an empty entry");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "a:99999"}, Map.of()))
                .hasMessageContaining("XMPP port must be 1 to 65535, not 99999");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "a:x"}, Map.of()))
                .hasMessageContaining("not 'x' in 'a:x'");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "a:1,a:1", "--xmpp-domain", "d"},
                Map.of())).hasMessageContaining("XMPP hosts must differ");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "[fd00::1", "--xmpp-domain", "d"},
                Map.of())).hasMessageContaining("must be [IPv6] or [IPv6]:PORT");
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "user@a"}, Map.of()))
                .hasMessageContaining("must be a name or an address, not 'user@a'");
    }

    @Test
    void theTokenSecretComesFromTheEnvironment_isCheckedAndNeverPrinted() throws Exception {
        String secret = "x".repeat(32);
        XmppSettings settings = ServerFlags.parse(new String[] {"--xmpp-host", "h"},
                Map.of("MESHCALL_XMPP_TOKEN_SECRET", secret)).xmpp();

        assertThat(settings.tokenSecret()).isEqualTo(secret);
        assertThat(settings.toString()).doesNotContain(secret).contains("tokenSecret=set");
        assertThat(ServerFlags.parse(new String[] {"--xmpp-host", "h"}, Map.of()).xmpp().tokenSecret()).isNull();
        assertThatThrownBy(() -> ServerFlags.parse(new String[] {"--xmpp-host", "h", "--xmpp-token-secret", "short"},
                Map.of())).hasMessageContaining("at least 32 characters");
        assertThatThrownBy(() -> ServerFlags.parse(new String[0], Map.of("MESHCALL_XMPP_TOKEN_SECRET", secret)))
                .hasMessageContaining("--xmpp-token-secret needs --xmpp-host");
    }
}
