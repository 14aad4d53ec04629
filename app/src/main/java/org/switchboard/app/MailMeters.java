package org.switchboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.switchboard.messaging.mail.MailGateway;

/** The e-mail channel's figures on {@code /metrics} (definitions in docs/metrics.md). */
final class MailMeters {

    /** Each figure of {@link MailGateway#figure} with what it counts. */
    private static final Map<String, String> COUNTED = Map.ofEntries(
            Map.entry("opened", "messages that opened a contact"),
            Map.entry("continued", "messages that continued an open conversation"),
            Map.entry("duplicate", "messages read again after a restart and recognised by their Message-ID"),
            Map.entry("automatic", "auto-replies and bulk mail left without a contact or an answer"),
            Map.entry("own", "messages from the center's own addresses, ignored"),
            Map.entry("limited", "messages over a sender's hourly limit, left unread for later"),
            Map.entry("later", "messages the center could not record now (refused or unavailable), read again later"),
            Map.entry("bounces", "delivery reports that marked an answer failed"),
            Map.entry("bounce_unmatched", "delivery reports not believed: they name none of the answer's recipients"),
            Map.entry("unreadable", "messages that could not become a contact, left flagged seen in the mailbox"),
            Map.entry("notice", "confirmation codes mailed to addresses subscribers register"),
            Map.entry("sent", "answers the submission server accepted"),
            Map.entry("failed", "answers that could not be delivered (refused, or still failing after 24 h)"),
            Map.entry("retried", "answer attempts retried after a temporary failure"),
            Map.entry("acknowledged", "automatic acknowledgements and notes sent to senders"));

    private MailMeters() {}

    static void bind(MailGateway mail, MeterRegistry meters) {
        Gauge.builder("switchboard_mail_connected", mail, m -> m.isConnected() ? 1 : 0)
                .description("1 while every mailbox is connected to its IMAP server, else 0")
                .register(meters);
        COUNTED.forEach((figure, description) -> FunctionCounter.builder(
                        "switchboard_mail_" + figure + "_total", mail, m -> m.figure(figure))
                .description(description)
                .register(meters));
    }
}
