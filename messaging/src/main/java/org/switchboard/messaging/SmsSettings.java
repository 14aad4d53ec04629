package org.switchboard.messaging;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the SMS channel reaches the operator's SMSC and what it does with messages (docs/configuration.md, {@code
 * smpp.*} and {@code sms.*}).
 *
 * @param host                 the SMSC's address
 * @param port                 its SMPP port
 * @param systemId             the ESME's {@code system_id} in the bind
 * @param password             its password (from {@code SWITCHBOARD_SMPP_PASSWORD} only)
 * @param shortNumber          the center's short number: the source of answers
 * @param queue                the queue of messages no keyword sends elsewhere
 * @param keywordQueues        the first word of a message (any case) to the queue it goes to
 * @param window               submits waiting for their response at once
 * @param maxSubmitPerSecond   the SMSC's throughput limit
 * @param enquireLink          how often a quiet link is checked
 * @param answerValidity       an answer not submitted within this (the SMSC away) is reported failed
 * @param numberPlan           how subscribers' numbers are written, to keep one form of each
 */
public record SmsSettings(
        String host,
        int port,
        String systemId,
        String password,
        String shortNumber,
        String queue,
        Map<String, String> keywordQueues,
        int window,
        int maxSubmitPerSecond,
        Duration enquireLink,
        Duration answerValidity,
        NumberPlan numberPlan) {

    public SmsSettings {
        Objects.requireNonNull(host, "smpp.host");
        Objects.requireNonNull(systemId, "smpp.system-id");
        Objects.requireNonNull(password, "SWITCHBOARD_SMPP_PASSWORD");
        Objects.requireNonNull(shortNumber, "sms.short-number");
        Objects.requireNonNull(queue, "sms.queue");
        Objects.requireNonNull(numberPlan, "sms.country-code");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("smpp.port must be 1..65535, was " + port);
        }
        if (systemId.isEmpty() || systemId.length() > 15) {
            throw new IllegalArgumentException("smpp.system-id must be 1 to 15 characters (SMPP 3.4, 5.2.1)");
        }
        if (password.length() > 8) {
            throw new IllegalArgumentException("SWITCHBOARD_SMPP_PASSWORD must be at most 8 characters (SMPP 3.4)");
        }
        if (window < 1 || window > 1_000) {
            throw new IllegalArgumentException("smpp.window must be 1..1000, was " + window);
        }
        if (maxSubmitPerSecond < 1) {
            throw new IllegalArgumentException("smpp.max-submit-per-second must be 1 or more");
        }
        Map<String, String> byWord = new java.util.HashMap<>();
        keywordQueues.forEach((word, queueId) -> byWord.put(word.toUpperCase(Locale.ROOT), queueId));
        keywordQueues = Map.copyOf(byWord);
    }

    /** The queue a message goes to: by its first word, else {@link #queue}. */
    String queueFor(String text) {
        String first = text.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return keywordQueues.getOrDefault(first, queue);
    }
}
