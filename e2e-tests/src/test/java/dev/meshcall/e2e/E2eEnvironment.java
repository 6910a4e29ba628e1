package dev.meshcall.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The world of one test class: a {@link TestServer} and the class's Chromium instances, started before the first
 * test, reused by all, closed after the last. Register with
 * {@code @RegisterExtension static final E2eEnvironment env = new E2eEnvironment();}. When a test fails, the
 * browsers' consoles are printed.
 */
public final class E2eEnvironment implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private TestServer server;
    private final Supplier<TestServer> serverFactory;
    private final Browsers browsers = new Browsers();
    private final List<Participant> participants = new CopyOnWriteArrayList<>();

    /** The class's world around a {@link TestServer} with the default settings. */
    public E2eEnvironment() {
        this(TestServer::new);
    }

    /** The class's world around the server {@code serverFactory} makes before the first test (a TURN server's, …). */
    public E2eEnvironment(Supplier<TestServer> serverFactory) {
        this.serverFactory = serverFactory;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = serverFactory.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            browsers.close();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        String test = context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName();
        browsers.screenshots(screenshotDir(), "failed-" + test);
        System.out.println("---- browser consoles after failed " + context.getDisplayName() + " (screenshots in "
                + screenshotDir() + ") ----");
        System.out.print(browsers.drainConsoles());
        for (Participant p : participants) {
            try {
                System.out.println("[" + p.name() + "] events: " + p.events());
            } catch (RuntimeException e) {
                System.out.println("[" + p.name() + "] events unreadable: " + e.getMessage());
            }
        }
    }

    /**
     * Where screenshots go: {@code screenshots/<transport>/} under {@code -Dmeshcall.e2e.logs} (target/e2e-logs), so
     * the XMPP run does not overwrite the local one's.
     */
    public static Path screenshotDir() {
        return Path.of(System.getProperty("meshcall.e2e.logs", "target/e2e-logs"), "screenshots",
                TestServer.TRANSPORT);
    }

    /** Saves a screenshot of each participant's page as {@code <label>-<name>.png}, for a person to look at. */
    public void screenshots(String label, Participant... people) {
        for (Participant p : people) {
            p.browser().screenshot(screenshotDir().resolve(label + "-" + p.name() + ".png"));
        }
    }

    public TestServer server() {
        return server;
    }

    public Browsers browsers() {
        return browsers;
    }

    /** Participants on the SDK harness page, one Chromium each (started in parallel), accounts made via REST. */
    public List<Participant> onHarness(String... names) {
        List<Browser> started = browsers.start(names);
        return IntStream.range(0, names.length)
                .mapToObj(i -> Participant.onHarness(names[i], started.get(i), server))
                .peek(participants::add)
                .toList();
    }

    /** A participant using the web app in a Chromium without the fake permission prompt: media is refused. */
    public Participant onWebPageWithoutMediaPermission(String name) {
        Participant p = Participant.onWebPage(name,
                browsers.startWithout(name, "--use-fake-ui-for-media-stream"), server);
        participants.add(p);
        return p;
    }

    /** A participant on the SDK harness page in a Chromium with {@code cameras} fake cameras and microphones. */
    public Participant onHarnessWithDevices(String name, int cameras) {
        Participant p = Participant.onHarness(name, browserWithDevices(name, cameras), server);
        participants.add(p);
        return p;
    }

    /** A participant on the seed walkthrough page in a Chromium with {@code cameras} fake cameras and microphones. */
    public Participant onSeedWalkthroughWithDevices(String name, int cameras) {
        Participant p = Participant.onSeedWalkthrough(name, browserWithDevices(name, cameras), server);
        participants.add(p);
        return p;
    }

    /** A participant using the web app in a Chromium with {@code cameras} fake cameras and microphones. */
    public Participant onWebPageWithDevices(String name, int cameras) {
        Participant p = Participant.onWebPage(name, browserWithDevices(name, cameras), server);
        participants.add(p);
        return p;
    }

    /** A Chromium with {@code cameras} fake cameras and microphones. */
    private Browser browserWithDevices(String name, int cameras) {
        return browsers.startReplacing(name, "--use-fake-device-for-media-stream",
                "--use-fake-device-for-media-stream=device-count=" + cameras);
    }

    /** Participants using the web app, one Chromium each; they sign up through the page. */
    public List<Participant> onWebPage(String... names) {
        List<Browser> started = browsers.start(names);
        return IntStream.range(0, names.length)
                .mapToObj(i -> Participant.onWebPage(names[i], started.get(i), server))
                .peek(participants::add)
                .toList();
    }
}
