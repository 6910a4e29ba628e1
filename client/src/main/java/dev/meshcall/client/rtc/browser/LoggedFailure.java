package dev.meshcall.client.rtc.browser;

import dev.meshcall.client.Log;
import org.teavm.jso.JSObject;

/**
 * The rejection of a browser promise whose failure nobody waits for, only worth a line in the console:
 * {@code what} followed by the browser's {@code name: message}.
 */
final class LoggedFailure implements Settled {
    private final Log log;
    private final String what;

    LoggedFailure(Log log, String what) {
        this.log = log;
        this.what = what;
    }

    @Override
    public void settled(JSObject error) {
        log.error(what + Errors.describe(error));
    }
}
