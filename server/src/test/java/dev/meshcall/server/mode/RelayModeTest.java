package dev.meshcall.server.mode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.relay.LocalRelay;
import dev.meshcall.server.relay.SessionRegistry;
import dev.meshcall.server.relay.xmpp.XmppRelay;
import dev.meshcall.server.relay.xmpp.XmppSettings;
import dev.meshcall.server.ws.Connections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each mode opens (issue 11): the embedded default keeps its accounts in the data directory; XMPP mode keeps
 * none there, since the XMPP service holds them. Nothing here needs the XMPP service itself: XMPP mode reaches it
 * only when a user logs in, or when readiness is asked.
 */
class RelayModeTest {
    /** A port nothing listens on: the XMPP service is unreachable. */
    private static final XmppSettings NO_SERVICE = XmppSettings.of("127.0.0.1", 1, "meshcall.test", "app",
            XmppSettings.Tls.DISABLED);

    private static ModeContext context(Path dataDir) {
        TokenService tokens = new TokenService(Duration.ofHours(1), Clock.systemUTC());
        return new ModeContext(dataDir, tokens, new LoginThrottle(5, 20, Clock.systemUTC()),
                new SessionRegistry(Duration.ofMinutes(1), Clock.systemUTC()), new Connections(),
                new SimpleMeterRegistry());
    }

    @Test
    void theEmbeddedModeOpensTheAccountDatabaseInTheDataDirectory(@TempDir Path dataDir) throws Exception {
        try (RelayMode mode = RelayMode.of(null)) {
            assertThat(mode.relay()).isInstanceOf(LocalRelay.class);

            ModeServices services = mode.open(context(dataDir));

            assertThat(dataDir.resolve("meshcall.mv.db")).isRegularFile();
            assertThat(services.userExists().test(1)).as("no account yet").isFalse();
            assertThat(mode.notReadyReason()).as("the relay is in this process").isNull();
        }
    }

    @Test
    void xmppModeOpensNoAccountDatabase_onlyItsPushSubscriptions_andIsNotReadyWithoutItsService(@TempDir Path dataDir)
            throws Exception {
        try (RelayMode mode = RelayMode.of(NO_SERVICE)) {
            assertThat(mode.relay()).isInstanceOf(XmppRelay.class);

            ModeServices services = mode.open(context(dataDir));

            try (Stream<Path> files = Files.list(dataDir)) {
                assertThat(files.map(file -> file.getFileName().toString()))
                        .as("the subscriptions posted through this node, no accounts").containsExactly("push.mv.db");
            }
            assertThat(services.pushSubscriptions().hasAny(42)).isFalse();
            assertThat(services.userExists().test(42)).as("the service knows the accounts, not this node").isTrue();
            assertThat(mode.notReadyReason()).isEqualTo("the XMPP service at 127.0.0.1:1 is unreachable");
        }
    }
}
