package dev.meshcall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.GoldenVectors;
import dev.meshcall.protocol.Op;
import dev.meshcall.protocol.ProtocolException;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SDK's own decoder — the browser's {@code JSON.parse} feeding the shared {@code FrameCodec} mapping — held to
 * the golden vectors in a real browser: a stand-in signaling server sends the SDK every vector, one at a time,
 * each followed by a presence frame as a marker, and the SDK's console must say exactly what the JVM's reference
 * decoder says of it (the same refusal message, or nothing).
 */
class GoldenVectorsInBrowserIT {
    private static final int MARKER_USER = 2_000_000_000;

    private static Browsers browsers;
    private static Undertow fake;
    private static final BlockingQueue<String> OUTBOX = new ArrayBlockingQueue<>(4);
    private static final CompletableFuture<WebSocketChannel> CONNECTED = new CompletableFuture<>();

    @BeforeAll
    static void start() {
        browsers = new Browsers();
        // The stand-in serves the harness page and meshcall.js itself: the page's signaling endpoint is then its own
        // origin, which a MeshCall server's Content-Security-Policy (connect-src 'self') would require anyway.
        ClassLoader classpath = GoldenVectorsInBrowserIT.class.getClassLoader();
        HttpHandler files = new ResourceHandler(new ClassPathResourceManager(classpath, "web-root"),
                new ResourceHandler(new ClassPathResourceManager(classpath, "meshcall-static")));
        fake = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(Handlers.path(files)
                .addExactPath("/ws", Handlers.websocket((exchange, channel) -> {
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel socket, BufferedTextMessage message) {
                            if (message.getData().contains("\"auth\"")) {
                                WebSockets.sendText(FrameCodec.encode(Frame.ready(1)), socket, null);
                                CONNECTED.complete(socket);
                            }
                        }
                    });
                    channel.resumeReceives();
                }))).build();
        fake.start();
    }

    @AfterAll
    static void stop() {
        fake.stop();
        browsers.close();
    }

    @Test
    void theSdkRefusesExactlyWhatTheReferenceDecoderRefuses() throws Exception {
        Browser browser = browsers.start("vectors").get(0);
        int fakePort = ((InetSocketAddress) fake.getListenerInfo().get(0).getAddress()).getPort();
        browser.open("http://127.0.0.1:" + fakePort + "/harness.html");
        browser.js("window.lastPresence = 0;"
                + "MeshCall.init({endpoint: 'http://127.0.0.1:' + arguments[0]});"
                + "MeshCall.chat.onPresenceListener = function (userId) { window.lastPresence = userId; };"
                + "return MeshCall.chat.connect({userId: 1, token: 'golden'}).then(function () { return 1; });",
                fakePort);
        WebSocketChannel socket = CONNECTED.get(10, TimeUnit.SECONDS);
        browser.drainConsole();

        int marker = MARKER_USER;
        int checked = 0;
        for (GoldenVectors.Vector vector : GoldenVectors.all()) {
            marker--;
            send(socket, vector.text());
            send(socket, FrameCodec.encode(Frame.presence(marker, true)));
            int expectedMarker = marker;
            Poll.until("the SDK to take " + vector.name(), Duration.ofSeconds(10),
                    () -> ((Number) browser.js("return window.lastPresence;")).intValue() == expectedMarker);
            String console = browser.drainConsole();

            String expected = referenceVerdict(vector.text());
            if (expected == null) {
                assertThat(console).as("%s is a valid frame", vector.name()).doesNotContain("dropping");
            } else {
                assertThat(console).as("%s", vector.name()).contains(expected);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(GoldenVectors.all().size());
    }

    /**
     * What the SDK must log for this frame text: the reference decoder's refusal (for a malformed text only its
     * "malformed JSON" prefix, since the two parsers word their syntax errors differently), the SDK's note for an op
     * a server never sends, or {@code null} for nothing.
     *
     * <p>One known difference: the browser's {@code JSON.parse} keeps the last of duplicate keys where the reference
     * decoder (and the server's Jackson) refuse the frame. Only the server must refuse them — it is what browsers
     * talk to, and it never writes a duplicate key itself — so for such a vector the SDK must act on the frame with
     * the last value.
     */
    private static String referenceVerdict(String text) {
        try {
            return verdictOn(FrameCodec.decode(text));
        } catch (ProtocolException e) {
            String message = e.getMessage();
            if (message.contains("duplicate key")) {
                return verdictOn(FrameCodec.fromTree(lastKeyWins(text)));
            }
            return message.startsWith("malformed JSON") ? "breaks the protocol: malformed JSON"
                    : "breaks the protocol: " + message;
        }
    }

    private static String verdictOn(Frame frame) {
        boolean fromServer = frame.op() != Op.AUTH && frame.op() != Op.PING;
        return fromServer ? null : "dropping an unexpected " + frame.op().wireName() + " frame";
    }

    /** The text parsed as {@code JSON.parse} does it: a later duplicate key replaces the earlier one. */
    private static Object lastKeyWins(String text) {
        try {
            return new ObjectMapper().readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(WebSocketChannel socket, String text) {
        try {
            WebSockets.sendTextBlocking(text, socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
