package dev.meshcall.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * How Logback starts in the server: found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator} when slf4j makes its first logger, it sets up
 * the one appender with {@link LogSettings#fromSystemProperties()} ({@link Logging#apply}) and tells Logback to stop
 * there. So no {@code logback.xml} or {@code logback-test.xml} on the class path, nor a
 * {@code -Dlogback.configurationFile}, is ever read: the flags are the only configuration.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Logging.apply(context, LogSettings.fromSystemProperties());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
