package org.switchboard.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.jsmpp.extra.ProcessRequestException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.switchboard.voice.SipGateway;

/**
 * The server's logging: one line per event on standard output, INFO and up, the chattiest libraries at WARN. Set in
 * code rather than in a {@code logback.xml}: parsing the XML was a tenth of a start's CPU before the first answer.
 * Found by logback through {@code META-INF/services}; with {@code -Dlogback.configurationFile=FILE} that file is
 * used instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
    static final List<String> QUIET =
            List.of("org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb", "org.jsmpp");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        context.addTurboFilter(new ChosenSmppRefusals());
        context.addTurboFilter(new WebStartFailure());
        root.addAppender(console);
        QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
        // the SIP stack logs under its stack's name; at WARN it reports TLS trust settings SIP here does not use
        context.getLogger(SipGateway.STACK_LOGGERS).setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * Javalin logs "Failed to start Javalin" at ERROR, without its cause, before it throws; the start then says what
     * failed and what to do in one line of its own ("cannot listen on 127.0.0.1:8080 (Address already in use); …
     * Choose another --port"), so Javalin's line only put an ERROR before the answer.
     */
    static final class WebStartFailure extends SaidElsewhere {
        @Override
        boolean drops(Logger logger, @Nullable String format, @Nullable Throwable thrown) {
            return "Failed to start Javalin".equals(format) && logger.getName().equals("io.javalin.Javalin");
        }
    }

    /**
     * jsmpp logs every deliver_sm the center refuses on purpose (a {@link ProcessRequestException}: throttled, not
     * text, stopping) at ERROR with its stack trace: an SMSC offering a flood again made megabytes a second. The SMS
     * gateway counts those refusals ({@code switchboard_sms_refused_total}, {@code switchboard_ussd_throttled_total})
     * and logs the ones a person should read; jsmpp's own failures still log.
     */
    static final class ChosenSmppRefusals extends SaidElsewhere {
        @Override
        boolean drops(Logger logger, @Nullable String format, @Nullable Throwable thrown) {
            return thrown instanceof ProcessRequestException && logger.getName().startsWith("org.jsmpp");
        }
    }

    /** A library's log line that the server says better elsewhere (or counts instead): dropped, the rest left. */
    abstract static class SaidElsewhere extends TurboFilter {
        abstract boolean drops(Logger logger, @Nullable String format, @Nullable Throwable thrown);

        @Override
        public FilterReply decide(
                @Nullable Marker marker,
                Logger logger,
                Level level,
                @Nullable String format,
                Object @Nullable [] params,
                @Nullable Throwable thrown) {
            return drops(logger, format, thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
        }
    }
}
