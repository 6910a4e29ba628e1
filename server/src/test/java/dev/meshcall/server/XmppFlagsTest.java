package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
