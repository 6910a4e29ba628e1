package dev.meshcall.server.mode;

import dev.meshcall.server.auth.LoginThrottle;
import dev.meshcall.server.auth.TokenService;
import dev.meshcall.server.relay.SessionRegistry;
import dev.meshcall.server.ws.Connections;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;

/**
 * The parts of a node that are the same in every mode and that a {@link RelayMode} binds to when it opens: the
 * modes issue and check the same tokens under the same login throttle, learn of call sessions in the same registry,
 * close the same sockets and report to the same meters.
 *
 * @param dataDir where the node keeps its files (the embedded account database)
 */
public record ModeContext(Path dataDir, TokenService tokens, LoginThrottle loginThrottle, SessionRegistry sessions,
        Connections connections, MeterRegistry metrics) {
}
