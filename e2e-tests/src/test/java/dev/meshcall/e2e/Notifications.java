package dev.meshcall.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.json.Json;

/**
 * The system notifications of a page's service worker, read and answered as a user would, through the Chrome DevTools
 * Protocol: headless Chromium shows no notification to click, so Accept or Decline is the worker's own
 * {@code notificationclick} event, dispatched in the worker with the notification it shows
 * (<a href="https://notifications.spec.whatwg.org/#activating-a-notification">activating a notification</a>).
 */
final class Notifications {
    private static final Json JSON = new Json();

    private Notifications() {
    }

    /**
     * Lets the page at {@code origin} show notifications, as the user's "Allow" would. Not
     * {@code Browser.grantPermissions}, which denies every permission it does not name (the camera, and the local
     * network access WebRTC needs for its loopback path).
     */
    static void allow(Browser browser, String origin) {
        browser.driver().executeCdpCommand("Browser.setPermission", Map.of("origin", origin,
                "permission", Map.of("name", "notifications"), "setting", "granted"));
    }

    /** The notifications the page's service worker shows: {title, body, tag, actions, data} each. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> shown(Browser browser) {
        return (List<Map<String, Object>>) browser.js("return navigator.serviceWorker.getRegistration()"
                + ".then(function (r) { return r ? r.getNotifications() : []; })"
                + ".then(function (all) { return all.map(function (n) { return {title: n.title, body: n.body,"
                + " tag: n.tag, actions: n.actions.map(function (a) { return a.action; }), data: n.data}; }); });");
    }

    /** Waits for the notification whose title contains {@code text}; a failure says what the page was like. */
    static Map<String, Object> waitFor(Browser browser, String text) {
        try {
            return Poll.until(browser.name() + " shows a notification titled '…" + text + "…'", Participant.TIMEOUT,
                    () -> shown(browser).stream().filter(n -> String.valueOf(n.get("title")).contains(text))
                            .findFirst());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the page: " + browser.js("return"
                    + " navigator.serviceWorker.getRegistration().then(function (r) { return 'visibility '"
                    + " + document.visibilityState + ', permission ' + Notification.permission + ', worker '"
                    + " + (r && r.active ? r.active.state : 'none') + ', title ' + document.title; });"), e);
        }
    }

    /** Waits until no notification is shown. */
    static void waitForNone(Browser browser) {
        Poll.until(browser.name() + " shows no notification", Participant.TIMEOUT, () -> shown(browser).isEmpty());
    }

    /**
     * Clicks {@code action} ({@code "accept"}, {@code "decline"}, or {@code ""} for the notification itself) on the
     * first notification shown: a {@code notificationclick} dispatched in the service worker.
     */
    @SuppressWarnings("unchecked")
    static void click(Browser browser, String action) {
        Map<String, Object> targets = browser.driver().executeCdpCommand("Target.getTargets", Map.of());
        String worker = ((List<Map<String, Object>>) targets.get("targetInfos")).stream()
                .filter(t -> "service_worker".equals(t.get("type"))).map(t -> (String) t.get("targetId"))
                .findFirst().orElseThrow(() -> new AssertionError(browser.name() + " runs no service worker"));
        Map<String, Object> attached = browser.driver().executeCdpCommand("Target.attachToTarget",
                Map.of("targetId", worker, "flatten", false));
        String expression = "self.registration.getNotifications().then(function (all) {"
                + " self.dispatchEvent(new NotificationEvent('notificationclick',"
                + " {notification: all[0], action: " + quoted(action) + "})); })";
        browser.driver().executeCdpCommand("Target.sendMessageToTarget", Map.of(
                "sessionId", Optional.ofNullable(attached.get("sessionId")).orElseThrow(),
                "message", quoted(Map.of("id", 1, "method", "Runtime.evaluate",
                        "params", Map.of("expression", expression, "awaitPromise", true)))));
    }

    private static String quoted(Object value) {
        return JSON.toJson(value);
    }
}
