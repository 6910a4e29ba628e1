package dev.meshcall.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One headless Debian Chromium with a fake camera and microphone, driven by the Debian chromedriver. Selenium
 * Manager never runs: both binaries are given explicitly.
 */
public final class Browser implements AutoCloseable {
    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--mute-audio",
            "--disable-dev-shm-usage");

    private final String name;
    private final Path userDataDir;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    Browser(String name) {
        this(name, List.of());
    }

    /** A browser started without some of {@link #FLAGS}, e.g. without the fake permission prompt. */
    Browser(String name, List<String> leftOutFlags) {
        this(name, leftOutFlags, List.of());
    }

    /** A browser with {@link #FLAGS} less {@code leftOutFlags} plus {@code extraFlags} (one test's own needs). */
    Browser(String name, List<String> leftOutFlags, List<String> extraFlags) {
        this.name = name;
        try {
            this.userDataDir = Files.createTempDirectory("meshcall-e2e-chromium-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService.Builder builder = new ChromeDriverService.Builder()
                .usingDriverExecutable(
                        new File(System.getProperty("meshcall.e2e.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort();
        String logs = System.getProperty("meshcall.e2e.logs");
        if (logs != null) {
            File dir = new File(logs);
            dir.mkdirs();
            builder.withLogFile(new File(dir, "chromedriver-" + name + ".log"));
        }
        this.service = builder.build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("meshcall.e2e.chromium", "/usr/bin/chromium"));
        options.addArguments(FLAGS.stream().filter(f -> !leftOutFlags.contains(f)).toList());
        options.addArguments(extraFlags);
        options.addArguments("--user-data-dir=" + userDataDir);
        LoggingPreferences logPrefs = new LoggingPreferences();
        logPrefs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logPrefs);
        try {
            this.driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(userDataDir);
            throw e;
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    public String name() {
        return name;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    /**
     * Minimizes the window: in headless Chromium this is what makes the page hidden ({@code visibilityState}
     * {@code "hidden"}, a {@code visibilitychange}); a tab opened in front does not.
     */
    public void hide() {
        driver.manage().window().minimize();
    }

    /** Brings the minimized window back: the page is visible again. */
    public void show() {
        driver.manage().window().maximize();
    }

    /** Runs {@code script} in the page; a returned promise is awaited by chromedriver. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> jsMap(String script, Object... args) {
        return (Map<String, Object>) js(script, args);
    }

    @SuppressWarnings("unchecked")
    public List<Object> jsList(String script, Object... args) {
        return (List<Object>) js(script, args);
    }

    /**
     * Saves what the page shows as a PNG, in a 1280x900 window (the headless default is too small to show a whole
     * page) that is then set back; a failure to do so is printed, not thrown.
     */
    public void screenshot(Path file) {
        try {
            Dimension before = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(1280, 900));
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            } finally {
                driver.manage().window().setSize(before);
            }
        } catch (IOException | RuntimeException e) {
            System.out.println("[" + name + "] no screenshot " + file + ": " + e);
        }
    }

    /** The browser console since the last call, one line per entry, for failure reports. */
    public String drainConsole() {
        StringBuilder out = new StringBuilder();
        try {
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                out.append('[').append(name).append("] ").append(entry.getLevel()).append(' ')
                        .append(entry.getMessage()).append('\n');
            }
        } catch (RuntimeException e) {
            out.append('[').append(name).append("] console unavailable: ").append(e.getMessage()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteQuietly(userDataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
