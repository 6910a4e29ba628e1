package dev.meshcall.protocol;

/**
 * The kinds of WebSocket frame between browser and server ({@code docs/protocol.md}, "WebSocket").
 */
public enum Op {
    /** Browser to server, first frame: the session token. */
    AUTH("auth"),
    /** Server to browser: authenticated as {@code userId}. */
    READY("ready"),
    /** Either way: a call signal, with {@code to} from the browser and {@code from} from the server. */
    SIGNAL("signal"),
    /** Browser to server: are you (and the service behind you) there? */
    PING("ping"),
    /** Server to browser: the answer to a ping, with its {@code id}. */
    PONG("pong"),
    /** Server to browser: a user came online or went offline. */
    PRESENCE("presence"),
    /** Server to browser: a frame was refused; {@code ref} names it. */
    ERROR("error");

    private final String wireName;

    Op(String wireName) {
        this.wireName = wireName;
    }

    /** The op as it is written on the wire. */
    public String wireName() {
        return wireName;
    }

    /**
     * Looks an op up by its wire name.
     *
     * @throws ProtocolException naming the value when it is not a known op
     */
    public static Op fromWire(String value) {
        for (Op op : values()) {
            if (op.wireName.equals(value)) {
                return op;
            }
        }
        throw new ProtocolException(ErrorCode.BAD_REQUEST, "op", "unknown op '" + value + "'");
    }
}
