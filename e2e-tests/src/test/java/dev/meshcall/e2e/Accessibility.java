package dev.meshcall.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.ScriptTimeoutException;
import org.openqa.selenium.WebDriver;

/**
 * Checks the page a {@link Browser} shows with axe-core (https://github.com/dequelabs/axe-core), the checker
 * browser vendors and WCAG auditors use: issue 10 asks for no serious or critical violation in any call state. axe
 * is pinned in {@code e2e-tests/package-lock.json}, installed by the build into {@code target/npm} and injected
 * here, so the page itself never ships it. Use {@link #assertNoSeriousViolations} at each state a test reaches.
 */
public final class Accessibility {
    /** The bound on one axe run; a page with video tiles takes about a second on this machine. */
    static final Duration AXE_TIMEOUT = Duration.ofSeconds(30);
    /** Elements listed per violation in a failure message; the count says how many more there are. */
    static final int NODES_SHOWN = 3;

    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            const nodesShown = arguments[0];
            const target = t => Array.isArray(t) ? t.join(' >>> ') : String(t);
            axe.run(document, {resultTypes: ['violations']}).then(result => done({
              violations: result.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl, nodeCount: v.nodes.length,
                nodes: v.nodes.slice(0, nodesShown).map(n => ({
                  target: n.target.map(target).join(' '), html: n.html, summary: n.failureSummary || ''}))
              }))
            }), error => done({error: String(error && error.stack || error)}));
            """;

    private static String axeSource;

    private Accessibility() {
    }

    /**
     * Fails, listing each serious or critical violation with its rule, impact, help, link and first elements (CSS
     * selector and HTML), if the page {@code browser} shows has any; {@code state} names the call state in the
     * message, e.g. "incoming".
     */
    public static void assertNoSeriousViolations(Browser browser, String state) {
        List<AxeViolation> serious = seriousViolations(browser);
        if (!serious.isEmpty()) {
            StringBuilder message = new StringBuilder()
                    .append(browser.name()).append(": the page in state '").append(state).append("' (")
                    .append(browser.driver().getCurrentUrl()).append(") has ").append(serious.size())
                    .append(" serious or critical accessibility violation").append(serious.size() == 1 ? "" : "s")
                    .append(" (axe-core ").append(browser.js("return axe.version")).append("):\n");
            serious.forEach(v -> message.append(v.describe()));
            throw new AssertionError(message.toString());
        }
    }

    /** The violations of impact serious or critical on the page {@code browser} shows. */
    public static List<AxeViolation> seriousViolations(Browser browser) {
        return violations(browser).stream().filter(AxeViolation::isSeriousOrWorse).toList();
    }

    /** Every violation axe-core finds on the page {@code browser} shows, of any impact. */
    @SuppressWarnings("unchecked")
    public static List<AxeViolation> violations(Browser browser) {
        inject(browser);
        WebDriver.Timeouts timeouts = browser.driver().manage().timeouts();
        Duration before = timeouts.getScriptTimeout();
        timeouts.scriptTimeout(AXE_TIMEOUT);
        Map<String, Object> result;
        try {
            result = (Map<String, Object>) ((JavascriptExecutor) browser.driver())
                    .executeAsyncScript(RUN_AXE, NODES_SHOWN);
        } catch (ScriptTimeoutException e) {
            throw new AssertionError(browser.name() + ": axe.run did not finish within " + AXE_TIMEOUT.toSeconds()
                    + " s on " + browser.driver().getCurrentUrl(), e);
        } finally {
            timeouts.scriptTimeout(before);
        }
        if (result.get("error") != null) {
            throw new AssertionError(browser.name() + ": axe.run failed on " + browser.driver().getCurrentUrl()
                    + ": " + result.get("error"));
        }
        return ((List<Map<String, Object>>) result.get("violations")).stream().map(AxeViolation::fromScript).toList();
    }

    /** Puts axe on the page unless it is there already (a navigation or reload loses it). */
    private static void inject(Browser browser) {
        if (Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object' && !!window.axe.run"))) {
            return;
        }
        browser.js(axeSource());
        if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object' && !!window.axe.run"))) {
            throw new IllegalStateException(browser.name() + ": axe-core was injected into "
                    + browser.driver().getCurrentUrl() + " but window.axe is not there (does the page define an AMD"
                    + " 'define' or a CommonJS 'module' that captured it?)");
        }
    }

    /** axe.min.js as the build installed it (system property {@code meshcall.e2e.axe}, set by the pom). */
    private static synchronized String axeSource() {
        if (axeSource == null) {
            Path file = Path.of(System.getProperty("meshcall.e2e.axe",
                    "target/npm/node_modules/axe-core/axe.min.js"));
            try {
                axeSource = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("axe-core is not installed: no " + file.toAbsolutePath()
                        + ". The build installs it from e2e-tests/package-lock.json with 'npm ci' in the"
                        + " generate-test-resources phase; run the tests through Maven (mvn -pl e2e-tests verify)", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read axe-core from " + file.toAbsolutePath(), e);
            }
        }
        return axeSource;
    }
}
