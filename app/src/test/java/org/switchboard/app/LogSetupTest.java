package org.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logback finds the server's logging set-up by itself: one console line per event, INFO, libraries at WARN. */
class LogSetupTest {

    @Test
    void logbackIsSetUpFromTheServiceNotFromItsDefaults() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("CONSOLE"))
                .isInstanceOfSatisfying(
                        ConsoleAppender.class,
                        console -> assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
                                .isEqualTo(LogSetup.PATTERN));
        assertThat(LogSetup.QUIET)
                .allSatisfy(name ->
                        assertThat(context.getLogger(name).getEffectiveLevel()).isEqualTo(Level.WARN));
        assertThat(context.getLogger("org.switchboard").isInfoEnabled()).isTrue();
    }
}
