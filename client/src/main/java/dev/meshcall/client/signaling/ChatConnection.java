package dev.meshcall.client.signaling;

import dev.meshcall.client.call.Log;
import dev.meshcall.protocol.ErrorCode;
import dev.meshcall.protocol.Frame;
import dev.meshcall.protocol.FrameCodec;
import dev.meshcall.protocol.ProtocolException;
import dev.meshcall.protocol.Signal;
import org.teavm.jso.websocket.WebSocket;

/**
 * The signaling WebSocket to the MeshCall server ({@code docs/protocol.md}): authenticates with the first frame,
 * then carries signals, pings and presence. Frames are checked by the same {@link FrameCodec} mapping the server
 * uses, over the browser's own JSON parser ({@link BrowserJson}).
 */
public final class ChatConnection implements SignalingChannel {

    /** What the connection reports, on the page's event loop. */
    public interface Handler {
        void onReady(int userId);

        void onSignal(int from, Signal signal);

        void onPong(String id);

        void onPresence(int userId, boolean online);

        void onError(ErrorCode code, String message, String ref);

        /** The socket closed; {@code wasReady} tells whether it had authenticated. */
        void onClose(int code, String reason, boolean wasReady);
    }

    private final Log log;
    private WebSocket socket;
    private Handler handler;
    private int userId;
    private int nextRef;

    public ChatConnection(Log log) {
        this.log = log;
    }

    /** Opens the socket to {@code url} and authenticates with {@code token}. */
    public void open(String url, String token, Handler handler) {
        close();
        this.handler = handler;
        WebSocket opened = new WebSocket(url);
        socket = opened;
        opened.onOpen(event -> opened.send(encode(Frame.auth(token))));
        opened.onMessage(event -> {
            if (socket == opened) {
                onText(event.getDataAsString());
            }
        });
        opened.onClose(event -> {
            if (socket == opened) {
                boolean wasReady = userId != 0;
                socket = null;
                userId = 0;
                handler.onClose(event.getCode(), event.getReason(), wasReady);
            }
        });
    }

    private void onText(String text) {
        Frame frame;
        try {
            FrameCodec.checkLength(text);
            frame = FrameCodec.fromTree(BrowserJson.parse(text));
        } catch (ProtocolException e) {
            log.error("dropping a frame from the server that breaks the protocol: " + e.getMessage());
            return;
        }
        switch (frame.op()) {
            case READY:
                userId = frame.userId();
                handler.onReady(userId);
                break;
            case SIGNAL:
                if (frame.from() != null) {
                    handler.onSignal(frame.from(), frame.signal());
                }
                break;
            case PONG:
                handler.onPong(frame.id());
                break;
            case PRESENCE:
                handler.onPresence(frame.userId(), frame.online());
                break;
            case ERROR:
                handler.onError(frame.code(), frame.message(), frame.ref());
                break;
            default:
                log.error("dropping an unexpected " + frame.op().wireName() + " frame from the server");
        }
    }

    @Override
    public void send(int to, Signal signal) {
        if (!isReady()) {
            log.error("cannot send " + signal.signalType().wireName() + " to user " + to + ": not connected");
            return;
        }
        socket.send(encode(Frame.signalTo(to, signal, "s" + (++nextRef))));
    }

    /** Sends a ping; the answer comes to {@link Handler#onPong}. */
    public void ping(String id) {
        if (isReady()) {
            socket.send(encode(Frame.ping(id)));
        }
    }

    private static String encode(Frame frame) {
        return BrowserJson.stringify(FrameCodec.toTree(frame));
    }

    @Override
    public int currentUserId() {
        return userId;
    }

    /** Whether the socket is open and authenticated. */
    public boolean isReady() {
        return socket != null && userId != 0;
    }

    /** Closes the socket (normal closure); no {@link Handler#onClose} follows. */
    public void close() {
        WebSocket closing = socket;
        socket = null;
        userId = 0;
        if (closing != null) {
            closing.close(1000, "client disconnect");
        }
    }
}
