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

    @Test
    void jsmppsStackTracesOfRefusalsTheCenterChoseAreDroppedAndItsOwnFailuresKept() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var refusals = new LogSetup.ChosenSmppRefusals();
        Logger jsmpp = context.getLogger("org.jsmpp.session.state.SMPPSessionBound");
        var chosen = new org.jsmpp.extra.ProcessRequestException("offer it again later", 0x58);

        assertThat(context.getTurboFilterList()).hasAtLeastOneElementOfType(LogSetup.ChosenSmppRefusals.class);
        assertThat(refusals.decide(null, jsmpp, Level.ERROR, "Failed processing deliver_sm", null, chosen))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(refusals.decide(null, jsmpp, Level.ERROR, "Failed", null, new IllegalStateException()))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(refusals.decide(null, context.getLogger("org.switchboard.x"), Level.WARN, "x", null, chosen))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    }

    @Test
    void javalinsCauselessStartFailureIsLeftToTheStartsOwnLine() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var startFailure = new LogSetup.WebStartFailure();
        Logger javalin = context.getLogger("io.javalin.Javalin");

        assertThat(context.getTurboFilterList()).hasAtLeastOneElementOfType(LogSetup.WebStartFailure.class);
        assertThat(startFailure.decide(null, javalin, Level.ERROR, "Failed to start Javalin", null, null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.DENY);
        assertThat(startFailure.decide(
                        null, javalin, Level.ERROR, "Exception occurred while servicing http-request", null, null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
        assertThat(startFailure.decide(
                        null,
                        context.getLogger("org.switchboard.x"),
                        Level.ERROR,
                        "Failed to start Javalin",
                        null,
                        null))
                .isEqualTo(ch.qos.logback.core.spi.FilterReply.NEUTRAL);
    }
}
