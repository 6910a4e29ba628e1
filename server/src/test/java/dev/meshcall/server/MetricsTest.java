package dev.meshcall.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshcall.protocol.CallType;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.Signal;
import dev.meshcall.protocol.SignalType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /metrics} on the embedded relay: signals relayed by type, and every error frame by its code. */
class MetricsTest {

    @Test
    void countsRelayedSignalsAndErrorFramesWhicheverLayerRefusedThem(@TempDir Path dataDir) throws Exception {
        try (MeshCallServer server = new MeshCallServer(ServerConfig.forTest(dataDir)).start()) {
            TestHttp http = new TestHttp(server.baseUri());
            int ann = http.signUp("ann", "ann-password");
            int ben = http.signUp("ben", "ben-password");
            try (TestSocket a = TestSocket.authenticated(http.client, server.webSocketUri(),
                    http.login("ann", "ann-password"), ann);
                    TestSocket b = TestSocket.authenticated(http.client, server.webSocketUri(),
                            http.login("ben", "ben-password"), ben)) {
                Signal call = Signal.builder(SignalType.CALL, "metrics-1").callType(CallType.VIDEO).callerId(ann)
                        .opponentsIds(List.of(ben)).sdp("v=0").build();
                a.send(Frame.signalTo(ben, call, "c"));
                assertThat(b.nextIgnoringPresence().signal()).isEqualTo(call);

                a.sendText("{not json");
                assertThat(a.nextIgnoringPresence().code()).isEqualTo(ErrorCode.BAD_REQUEST);
                Signal spoofed = call.toBuilder().callerId(ann + ben).build();
                a.send(Frame.signalTo(ben, spoofed, "s"));
                Frame refused = a.nextIgnoringPresence();
                assertThat(refused.op()).isEqualTo(Op.ERROR);
                assertThat(refused.code()).isEqualTo(ErrorCode.FORBIDDEN);
            }
            String metrics = http.get("/metrics", null).raw().body();

            assertThat(metrics).contains("meshcall_signals_relayed_total{type=\"call\"} 1.0")
                    .contains("meshcall_errors_total{code=\"bad_request\"} 1.0")
                    .contains("meshcall_errors_total{code=\"forbidden\"} 1.0");
        }
    }

    @Test
    void withAMetricsTokenOnlyARequestCarryingItReadsTheMetrics_andHealthStaysOpen(@TempDir Path dataDir)
            throws Exception {
        String token = "scrape-me-0123456789";
        ServerConfig config = ServerConfig.forTest(dataDir);
        config = config.withSecurity(config.security().withMetricsToken(token));
        try (MeshCallServer server = new MeshCallServer(config).start()) {
            TestHttp http = new TestHttp(server.baseUri());

            TestHttp.Reply none = http.get("/metrics", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
            assertThat(none.body().get("error").asText()).isEqualTo("unauthorized");
            assertThat(none.raw().body()).doesNotContain(token);
            assertThat(http.get("/metrics", "scrape-me-0123456788").status()).isEqualTo(401);
            assertThat(http.get("/metrics", token + "x").status()).isEqualTo(401);

            TestHttp.Reply right = http.get("/metrics", token);
            assertThat(right.status()).isEqualTo(200);
            assertThat(right.raw().body()).contains("meshcall_");
            assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        }
    }
}
