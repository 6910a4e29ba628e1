package dev.meshcall.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Pictures of a page in a named state, on a desktop and on a phone, for a person to review the layout (issue 10):
 * {@code <state>-<width>x<height>.png} in {@code e2e-tests/target/screenshots/} (system property
 * {@code meshcall.e2e.screenshots}). The size is set with Chrome DevTools device metrics emulation
 * (https://chromedevtools.github.io/devtools-protocol/tot/Emulation/#method-setDeviceMetricsOverride) rather than
 * by resizing the window: the viewport is then exactly the size asked for, below Chromium's minimum window width
 * too, and with {@code mobile} the page's CSS media queries and viewport meta tag see a phone. The override is
 * cleared afterwards, giving the page back its window's size (the tests set no override of their own).
 */
public final class Screenshots {
    /** How long the page may take to lay itself out at a new size. */
    static final Duration RESIZE_TIMEOUT = Duration.ofSeconds(5);

    /** The sizes the issue asks for. */
    public enum Screen {
        /** A laptop browser window. */
        DESKTOP(1280, 800, false),
        /** A current mid-size phone held upright, in CSS pixels. */
        PHONE(390, 844, true);

        final int width;
        final int height;
        final boolean mobile;

        Screen(int width, int height, boolean mobile) {
            this.width = width;
            this.height = height;
            this.mobile = mobile;
        }
    }

    private Screenshots() {
    }

    /** The folder the pictures go to. */
    public static Path dir() {
        return Path.of(System.getProperty("meshcall.e2e.screenshots", "target/screenshots"));
    }

    /** Saves {@code state} at {@link Screen#DESKTOP} and {@link Screen#PHONE}; returns the two files. */
    public static List<Path> both(Browser browser, String state) {
        return List.of(take(browser, state, Screen.DESKTOP), take(browser, state, Screen.PHONE));
    }

    /**
     * Saves what the page shows at {@code screen}'s size as {@code <state>-<width>x<height>.png} and returns the
     * file; fails naming the file if the picture cannot be taken or is not of that size.
     */
    public static Path take(Browser browser, String state, Screen screen) {
        Path file = dir().resolve(state + "-" + screen.width + "x" + screen.height + ".png");
        return onScreen(browser, screen, file.getFileName().toString(), () -> {
            try {
                byte[] png = browser.driver().getScreenshotAs(OutputType.BYTES);
                requireSize(png, screen, file);
                Files.createDirectories(file.getParent());
                Files.write(file, png);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(browser.name() + ": cannot save screenshot " + file.toAbsolutePath(), e);
            }
        });
    }

    /**
     * Runs {@code look} with the page in its dark theme ({@code prefers-color-scheme: dark} emulated, as a system set
     * to dark mode reports it) and gives the page back the light one.
     */
    public static <T> T inDarkMode(Browser browser, Supplier<T> look) {
        ChromeDriver driver = browser.driver();
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            Poll.until(browser.name() + ": the page sees prefers-color-scheme: dark", RESIZE_TIMEOUT,
                    () -> Boolean.TRUE.equals(browser.js(
                            "return matchMedia('(prefers-color-scheme: dark)').matches")));
            return look.get();
        } finally {
            driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    /**
     * Lays the page out at {@code screen}'s size, returns what {@code look} finds there (a picture, where an element
     * sits), and gives the page back its window's size; {@code why} names the look in a failure.
     */
    public static <T> T onScreen(Browser browser, Screen screen, String why, Supplier<T> look) {
        ChromeDriver driver = browser.driver();
        long widthBefore = innerWidth(browser);
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", screen.width, "height", screen.height, "deviceScaleFactor", 1, "mobile", screen.mobile));
        try {
            awaitInnerWidth(browser, screen.width, "laid out at " + screen.width + " px for " + why
                    + (screen.mobile ? " (a phone lays a page out 980 px wide unless it has"
                            + " <meta name=\"viewport\" content=\"width=device-width\">)" : ""));
            return look.get();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            awaitInnerWidth(browser, widthBefore, "back at its window's width after " + why);
        }
    }

    private static void requireSize(byte[] png, Screen screen, Path file) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null || image.getWidth() != screen.width || image.getHeight() != screen.height) {
            throw new AssertionError("screenshot " + file.getFileName() + " should be " + screen.width + "x"
                    + screen.height + " but is " + (image == null ? "not a readable PNG"
                    : image.getWidth() + "x" + image.getHeight()));
        }
    }

    private static void awaitInnerWidth(Browser browser, long width, String what) {
        Poll.until(browser.name() + ": the page is " + what + " (window.innerWidth " + width + ")", RESIZE_TIMEOUT,
                () -> innerWidth(browser) == width);
    }

    private static long innerWidth(Browser browser) {
        return ((Number) browser.js("return window.innerWidth")).longValue();
    }
}
