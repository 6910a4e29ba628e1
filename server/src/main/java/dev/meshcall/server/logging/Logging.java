package dev.meshcall.server.logging;

import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Sends the log events of every framework in the server to one place ({@link LogOutput}), in one format:
 *
 * <ul>
 *   <li>slf4j (our code): {@link MeshCallServiceProvider}, found through {@code META-INF/services};</li>
 *   <li>jboss-logging (Undertow, XNIO): told to log through slf4j with the system property
 *       {@value #JBOSS_PROVIDER}; left alone, it would pick java.util.logging since Logback is absent;</li>
 *   <li>java.util.logging (Smack): {@link JulBridge} on its root logger;</li>
 *   <li>an exception that ends a thread: logged at error instead of printed to standard error.</li>
 * </ul>
 *
 * <p>Called once by {@code Main}, before anything logs. Code that embeds the server without {@code Main} gets the
 * slf4j part only, with settings from system properties ({@link LogSettings#fromSystemProperties()}).
 */
public final class Logging {
    /** jboss-logging reads this once, when its first logger is made. */
    static final String JBOSS_PROVIDER = "org.jboss.logging.provider";

    private Logging() {
    }

    /** Applies {@code settings} to all frameworks. */
    public static void configure(LogSettings settings) {
        Objects.requireNonNull(settings, "settings");
        LogOutput.configure(settings);
        if (System.getProperty(JBOSS_PROVIDER) == null) {
            System.setProperty(JBOSS_PROVIDER, "slf4j");
        }
        JulBridge.install(settings.level());
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            Thread.setDefaultUncaughtExceptionHandler((thread, error) -> LoggerFactory.getLogger(Logging.class)
                    .error("uncaught exception in thread {}", thread.getName(), error));
        }
    }
}
