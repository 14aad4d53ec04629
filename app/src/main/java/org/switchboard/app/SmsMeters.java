package org.switchboard.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import org.switchboard.messaging.SmsGateway;

/**
 * The SMS channel on {@code /metrics}: whether it is bound to the SMSC ({@code switchboard_sms_bound}, 1 or 0) and
 * what it did ({@code switchboard_sms_*_total}). The gateway counts; this only reads.
 */
final class SmsMeters {

    private SmsMeters() {}

    static void bind(SmsGateway sms, MeterRegistry meters) {
        Gauge.builder("switchboard_sms_bound", sms, s -> s.isBound() ? 1 : 0)
                .description("1 while the SMS channel is bound to the SMSC, else 0")
                .register(meters);
        SmsGateway.Figures f = sms.figures();
        counter(meters, "switchboard_sms_received_total", "messages from subscribers made durable", f.received);
        counter(
                meters,
                "switchboard_sms_refused_total",
                "messages from subscribers refused (not text, refused)",
                f.refused);
        counter(meters, "switchboard_sms_submitted_total", "answers the SMSC accepted", f.submitted);
        counter(meters, "switchboard_sms_failed_total", "answers reported failed (refused, expired)", f.failed);
        counter(meters, "switchboard_sms_receipts_total", "delivery receipts recorded", f.receipts);
        counter(
                meters,
                "switchboard_sms_keyword_replies_total",
                "texts answered by a keyword without an operator",
                f.keywordReplies);
        counter(
                meters,
                "switchboard_ussd_throttled_total",
                "USSD turns over SMPP refused for now (ESME_RTHROTTLED): 256 in progress, or 4 of one number waiting",
                f.ussdThrottled);
    }

    private static void counter(MeterRegistry meters, String name, String description, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum)
                .description(description)
                .register(meters);
    }
}
