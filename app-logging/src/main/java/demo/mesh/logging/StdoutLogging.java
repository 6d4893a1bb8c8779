package demo.mesh.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The apps' logging, set up in code: INFO and above, one line per event on standard output, where a container's logs
 * are read. Logback finds it through {@code META-INF/services} before it looks for a {@code logback.xml}; reading
 * that file instead (an XML parser and logback's configuration model) costs about a quarter of a second of CPU at
 * every start-up, a fifth of an app's start-to-ready.
 * <p>
 * A configuration file still wins when there is one: {@code -Dlogback.configurationFile=...}, or a
 * {@code logback.xml} or {@code logback-test.xml} on the classpath (a test's own, say). Micronaut's
 * {@code logger.levels.*} properties apply on top either way.
 */
public class StdoutLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationFileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean configurationFileGiven() {
        ClassLoader classLoader = StdoutLogging.class.getClassLoader();
        return System.getProperty("logback.configurationFile") != null
                || classLoader.getResource("logback-test.xml") != null
                || classLoader.getResource("logback.xml") != null;
    }
}
