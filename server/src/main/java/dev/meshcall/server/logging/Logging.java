package dev.meshcall.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the log events of every framework in the server to one place, standard output, in one format:
 *
 * <ul>
 *   <li>slf4j (our code): Logback, set up in code by {@link LogbackConfigurator} and {@link #use}: one appender on
 *       the root logger, writing lines of the current {@link LogFormat} with {@link LineEncoder}, and the root
 *       logger's level as the one level of the process (there are no per-logger levels);</li>
 *   <li>jboss-logging (Undertow, XNIO): told to log through slf4j with the system property
 *       {@value #JBOSS_PROVIDER};</li>
 *   <li>java.util.logging (Smack): {@link JulBridge} on its root logger;</li>
 *   <li>an exception that ends a thread: logged at error instead of printed to standard error.</li>
 * </ul>
 *
 * <p>Why standard output, in both formats: it is where container runtimes, systemd and
 * <a href="https://12factor.net/logs">twelve-factor</a> log collectors look first, and it keeps the JVM's own
 * messages (which are not ours to format, and go to standard error) out of the JSON stream, so that every line a
 * collector reads on stdout parses. The appender writes to {@code System.out} as it is at each line, not as it was
 * at start: tests replace it.
 *
 * <p>{@link #configure} is called once by {@code Main}, before anything logs. Code that embeds the server without
 * {@code Main} gets the slf4j part only, with settings from system properties
 * ({@link LogSettings#fromSystemProperties()}).
 */
public final class Logging {
    /** jboss-logging reads this once, when its first logger is made. */
    static final String JBOSS_PROVIDER = "org.jboss.logging.provider";
    /** The name of the one appender, on Logback's root logger. */
    static final String APPENDER = "stdout";
    /** Where the settings in force are kept, in Logback's context. */
    private static final String SETTINGS = LogSettings.class.getName();

    private Logging() {
    }

    /** Applies {@code settings} to all frameworks. */
    public static void configure(LogSettings settings) {
        use(settings);
        if (System.getProperty(JBOSS_PROVIDER) == null) {
            System.setProperty(JBOSS_PROVIDER, "slf4j");
        }
        JulBridge.install(settings.level());
        if (Thread.getDefaultUncaughtExceptionHandler() == null) {
            Thread.setDefaultUncaughtExceptionHandler((thread, error) -> LoggerFactory.getLogger(Logging.class)
                    .error("uncaught exception in thread {}", thread.getName(), error));
        }
    }

    /**
     * Changes format and level for every slf4j logger from now on. Does nothing if slf4j is bound to something else
     * than Logback (code that embeds the server with logging of its own).
     */
    public static void use(LogSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            apply(context, settings);
        }
    }

    /** The settings in force, or {@link LogSettings#DEFAULT} if slf4j is not bound to Logback. */
    public static LogSettings settings() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getObject(SETTINGS) instanceof LogSettings settings) {
            return settings;
        }
        return LogSettings.DEFAULT;
    }

    /** Sets the root logger's level, and its one appender (made on first use) to write in the settings' format. */
    static synchronized void apply(LoggerContext context, LogSettings settings) {
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.convertAnSLF4JLevel(settings.level()));
        Appender<ILoggingEvent> existing = root.getAppender(APPENDER);
        if (existing instanceof ConsoleAppender<ILoggingEvent> console
                && console.getEncoder() instanceof LineEncoder encoder) {
            encoder.setFormat(settings.format());
        } else {
            LineEncoder encoder = new LineEncoder(settings.format());
            encoder.setContext(context);
            encoder.start();
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setName(APPENDER);
            console.setContext(context);
            console.setEncoder(encoder);
            console.start();
            root.detachAndStopAllAppenders();
            root.addAppender(console);
        }
        context.putObject(SETTINGS, settings);
    }
}
