package dev.meshcall.client.api;

import dev.meshcall.client.call.VideoChatConfig;
import org.teavm.jso.JSExport;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/**
 * The JavaScript global {@code MeshCall}: the seed's {@code ConnectyCube} object for calling
 * ({@code init}, {@code chat}, {@code videochat}). See {@code docs/js-api.md}.
 */
public final class MeshCall {
    /** The SDK version, also {@code MeshCall.version}. */
    public static final String VERSION = "0.1.0";

    private static final BrowserLog LOG = new BrowserLog();
    private static final MeshCallVideoChat VIDEOCHAT = new MeshCallVideoChat(LOG);
    private static final MeshCallChat CHAT = new MeshCallChat(VIDEOCHAT, LOG);

    private MeshCall() {
    }

    /**
     * {@code MeshCall.init(config)} or {@code MeshCall.init(credentials, config)} as in the seed:
     * {@code config = {endpoint?, videochat?: {answerTimeInterval, dialingTimeInterval, disconnectTimeInterval,
     * alwaysRelayCalls, autoRejectWhenBusy, autoIceRestart, iceServers, pauseVideoWhenHidden}}}: {@code iceServers}
     * replaces the STUN/TURN servers the MeshCall server hands out.
     */
    @JSExport
    public static void init(JSObject first, JSObject second) {
        JSObject config = JsValues.isObject(second) ? second : first;
        if (!JsValues.isObject(config)) {
            config = JsValues.newObject();
        }
        String endpoint = JsValues.stringProperty(config, "endpoint");
        CHAT.setEndpoint(endpoint == null ? JsValues.pageOrigin() : endpoint);
        VideoChatConfig videochat = new VideoChatConfig();
        JSObject settings = JsValues.objectProperty(config, "videochat");
        JSObject iceServers = null;
        if (settings != null) {
            if (JsValues.hasNumber(settings, "answerTimeInterval")) {
                videochat.answerTimeInterval(JsValues.numberProperty(settings, "answerTimeInterval"));
            }
            if (JsValues.hasNumber(settings, "dialingTimeInterval")) {
                videochat.dialingTimeInterval(JsValues.numberProperty(settings, "dialingTimeInterval"));
            }
            if (JsValues.hasNumber(settings, "disconnectTimeInterval")) {
                videochat.disconnectTimeInterval(JsValues.numberProperty(settings, "disconnectTimeInterval"));
            }
            videochat.alwaysRelayCalls(JsValues.booleanProperty(settings, "alwaysRelayCalls"));
            videochat.autoRejectWhenBusy(!JsValues.isFalse(settings, "autoRejectWhenBusy"));
            videochat.autoIceRestart(!JsValues.isFalse(settings, "autoIceRestart"));
            if (JsValues.hasNumber(settings, "statsReportTimeInterval")) {
                videochat.statsReportTimeInterval(JsValues.numberProperty(settings, "statsReportTimeInterval"));
            }
            iceServers = JsValues.objectProperty(settings, "iceServers");
        }
        VIDEOCHAT.configure(videochat, iceServers, CHAT.connection());
        if (settings != null && JsValues.booleanProperty(settings, "pauseVideoWhenHidden")) {
            VIDEOCHAT.setPauseVideoWhenHidden(true);
        }
    }

    @JSExport
    @JSProperty
    public static MeshCallChat getChat() {
        return CHAT;
    }

    @JSExport
    @JSProperty
    public static MeshCallVideoChat getVideochat() {
        return VIDEOCHAT;
    }

    @JSExport
    @JSProperty
    public static String getVersion() {
        return VERSION;
    }
}
