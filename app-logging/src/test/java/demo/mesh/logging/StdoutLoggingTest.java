package demo.mesh.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class StdoutLoggingTest {

    @Test
    void infoAndAboveGoToStandardOutputOneLineEachWithTimeLevelThreadAndLogger() {
        LoggerContext context = configured();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger example = context.getLogger("demo.mesh.Example");
        ConsoleAppender<ILoggingEvent> stdout = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");

        String line = new String(stdout.getEncoder().encode(
                new LoggingEvent(Logger.FQCN, example, Level.INFO, "started on port {}", null, new Object[] {8080})),
                StandardCharsets.UTF_8);

        assertThat(stdout.getTarget()).isEqualTo("System.out");
        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[[^]]+] demo\\.mesh\\.Example - started on port 8080\\R");
        assertThat(example.isInfoEnabled()).isTrue();
        assertThat(example.isDebugEnabled()).isFalse();
    }

    @Test
    void logbackUsesItBeforeLookingForAConfigurationFile() {
        // This module ships no logback.xml, so the JVM's own logging context was set up by StdoutLogging.
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOfSatisfying(ConsoleAppender.class, appender ->
                assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern()).isEqualTo(StdoutLogging.PATTERN));
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineWins() {
        System.setProperty("logback.configurationFile", "custom.xml");
        try {
            StdoutLogging logging = new StdoutLogging();
            LoggerContext context = new LoggerContext();
            logging.setContext(context);

            assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }

    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        StdoutLogging logging = new StdoutLogging();
        logging.setContext(context);
        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }
}
