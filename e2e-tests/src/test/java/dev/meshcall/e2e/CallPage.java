package dev.meshcall.e2e;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Page object of the web app (webapp/.../meshcall-static/index.html), located only by {@code data-testid}. */
public final class CallPage {
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Browser browser;
    private final String baseUrl;

    public CallPage(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /**
     * Opens the page signed out: a sign-in this tab kept from before (the page stays signed in across a reload) is
     * forgotten first.
     */
    public CallPage open() {
        try {
            if (browser.driver().getCurrentUrl().startsWith(baseUrl)) {
                browser.js("sessionStorage.clear()");
            }
        } catch (WebDriverException crashed) {
            // a tab that crashed runs no script: clear what it kept from a page of the same origin that signs nobody in
            browser.open(baseUrl + "/health");
            browser.js("sessionStorage.clear()");
        }
        browser.open(baseUrl + "/");
        waitUntil("the sign-in form is shown", ExpectedConditions.visibilityOfElementLocated(testId("login-input")));
        return this;
    }

    /** Reloads the page as a person pressing F5 does; the page signs in again by itself as {@code login}. */
    public CallPage reload(String login) {
        browser.driver().navigate().refresh();
        waitUntilSignedIn(login);
        return this;
    }

    /** Switches the form to "Create an account", fills it in and submits it (which also signs in). */
    public CallPage signUp(String login, String password, String fullName) {
        click("show-signup");
        type("login-input", login);
        type("password-input", password);
        type("fullname-input", fullName);
        click("signup-button");
        waitUntilSignedIn(login);
        return this;
    }

    public CallPage signIn(String login, String password) {
        type("login-input", login);
        type("password-input", password);
        click("signin-button");
        waitUntilSignedIn(login);
        return this;
    }

    public CallPage signOut() {
        click("signout-button");
        waitUntil("the sign-in form is back after sign-out",
                ExpectedConditions.visibilityOfElementLocated(testId("login-input")));
        return this;
    }

    private void waitUntilSignedIn(String login) {
        waitUntil(login + " is signed in",
                ExpectedConditions.visibilityOfElementLocated(testId("signout-button")));
    }

    public void waitUntilOnline(Account other) {
        waitUntil(other.login() + " is shown online",
                ExpectedConditions.attributeToBe(testId("user-online-" + other.idText()), "data-online", "true"));
    }

    public void waitUntilOffline(Account other) {
        waitUntil(other.login() + " is shown offline",
                ExpectedConditions.attributeToBe(testId("user-online-" + other.idText()), "data-online", "false"));
    }

    /** Waits until {@code other} shows offline but reachable by a call all the same (Web Push). */
    public void waitUntilPushReachable(Account other) {
        waitUntil(other.login() + " is shown offline, reachable by a notification",
                ExpectedConditions.textToBe(testId("user-online-" + other.idText()), "offline, gets a notification"));
    }

    public void videoCall(Account other) {
        waitUntilOnline(other);
        click("video-call-" + other.idText());
    }

    public void audioCall(Account other) {
        waitUntilOnline(other);
        click("audio-call-" + other.idText());
    }

    /** Ticks {@code other}'s checkbox in the people list, choosing them for a group call. */
    public void choose(Account other) {
        waitUntilOnline(other);
        click("select-" + other.idText());
    }

    /** The note under the people list: who is chosen, or why a choice was refused. */
    public WebElement selectionNote() {
        return element("selection-note");
    }

    /** Clicks "Video call selected" or "Audio call selected". */
    public void callSelected(CallType type) {
        click(type == CallType.VIDEO ? "call-selected-video" : "call-selected-audio");
    }

    /** Waits until the stage shows {@code other}'s tile; returns the name it shows. */
    public String waitForTile(Account other) {
        return waitUntil("the tile of " + other.login() + " is shown", d -> {
            // one read of tile and name: the tile may be re-drawn in between (a call that moves to a new session)
            for (WebElement tile : d.findElements(testId("tile-" + other.idText()))) {
                if (tile.isDisplayed()) {
                    for (WebElement name : tile.findElements(testId("tile-name-" + other.idText()))) {
                        return name.getText();
                    }
                }
            }
            return null;
        });
    }

    /** Waits until the stage no longer shows {@code other}'s tile. */
    public void waitForNoTile(Account other) {
        waitUntil("the tile of " + other.login() + " is gone",
                ExpectedConditions.invisibilityOfElementLocated(testId("tile-" + other.idText())));
    }

    /** The text of the newest toast that contains {@code text}, once one is shown. */
    public String waitForToast(String text) {
        return waitUntil("a toast says '" + text + "'", d -> d.findElements(testId("toast")).stream()
                .map(WebElement::getText).filter(t -> t.contains(text)).reduce((a, b) -> b).orElse(null));
    }

    public String waitForIncomingCall() {
        waitUntil("the incoming-call dialog is shown",
                ExpectedConditions.visibilityOfElementLocated(testId("incoming-dialog")));
        return element("incoming-caller").getText();
    }

    public void accept() {
        waitForIncomingCall();
        click("accept-button");
    }

    public void reject() {
        waitForIncomingCall();
        click("reject-button");
    }

    public void hangUp() {
        click("hangup-button");
    }

    public void toggleMic() {
        click("mute-audio-button");
    }

    public void toggleCamera() {
        click("mute-video-button");
    }

    public String status() {
        try {
            return element("status").getAttribute("data-state") + ": " + element("status").getText();
        } catch (RuntimeException e) {
            return "(no status: " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until the status line's state is {@code state} (idle, calling, ringing, connecting, connected,
     * reconnecting, ended, rejected, busy, no-answer, unavailable, missed, elsewhere, error).
     */
    public void waitForStatus(String state) {
        new WebDriverWait(browser.driver(), TIMEOUT)
                .withMessage(() -> browser.name() + ": status should become '" + state + "' but is '" + status() + "'")
                .until(d -> state.equals(element("status").getAttribute("data-state")));
    }

    /** Waits until the status line's state is {@code state}; returns its text. */
    public String waitForStatusText(String state) {
        waitForStatus(state);
        return element("status").getText();
    }

    public WebElement element(String testid) {
        return browser.driver().findElement(testId(testid));
    }

    private void type(String testid, String text) {
        WebElement input = waitUntil(testid + " is visible",
                ExpectedConditions.visibilityOfElementLocated(testId(testid)));
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks the element once it is clickable; again if the page re-drew it meanwhile (the people list does). */
    public void click(String testid) {
        waitUntil(testid + " is clickable", d -> {
            WebElement e = ExpectedConditions.elementToBeClickable(testId(testid)).apply(d);
            if (e == null) {
                return null;
            }
            e.click();
            return Boolean.TRUE;
        });
    }

    private <T> T waitUntil(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(browser.driver(), TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> browser.name() + ": " + what + " (status now: " + status() + ")")
                .until(condition);
    }
}
