package org.switchboard.selfservice;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.switchboard.core.port.Subscriber;
import org.switchboard.core.port.SubscriberRegistry;

/**
 * Answers without an operator a text that is only a keyword: BALANCE (БАЛАНС) and TARIFF (ТАРИФ), in any case, with
 * the subscriber's balance or tariff in their language. Anything else, a keyword inside a sentence ("balance is
 * wrong!") included, and any text from a number the registry does not know, is left for the operators. Each answer
 * is a self-service session of the {@code sms-keyword} channel, told to the listener like a USSD session's end.
 */
public final class KeywordReplies {

    public static final String CHANNEL = "sms-keyword";
    private static final Map<String, String> TOPICS = Map.of(
            "BALANCE", "balance",
            "БАЛАНС", "balance",
            "TARIFF", "tariff",
            "ТАРИФ", "tariff");

    private final SubscriberRegistry registry;
    private final String serviceCode;
    private final LongSupplier clock;
    private final UssdSessions.Listener listener;

    /** {@code serviceCode}: the USSD code the tariff answer points to for a change. */
    public KeywordReplies(
            SubscriberRegistry registry, String serviceCode, LongSupplier clock, UssdSessions.Listener listener) {
        this.registry = registry;
        this.serviceCode = serviceCode;
        this.clock = clock;
        this.listener = listener;
    }

    /** The answer to {@code text} from {@code msisdn}, or empty when operators should read it. */
    public Optional<String> answer(String msisdn, String text) {
        String word = text.strip().replaceAll("[.!?]+$", "").toUpperCase(Locale.ROOT);
        String topic = TOPICS.get(word);
        if (topic == null) {
            return Optional.empty();
        }
        Optional<Subscriber> subscriber = registry.find(msisdn);
        if (subscriber.isEmpty()) {
            return Optional.empty();
        }
        Subscriber s = subscriber.get();
        MenuTexts say = MenuTexts.of(s.language());
        String answer = topic.equals("balance")
                ? say.say("balance", MenuTexts.money(s.balanceMinor(), s.currency()))
                : say.say("tariff-sms", s.tariff(), fee(s), serviceCode);
        long now = clock.getAsLong();
        listener.ended(
                new UssdSessions.Ended(msisdn, CHANNEL, now, now, List.of(topic), UssdSessions.EndReason.COMPLETED));
        return Optional.of(answer);
    }

    private String fee(Subscriber s) {
        return registry.catalogue()
                .tariff(s.tariff())
                .map(t -> MenuTexts.money(t.monthlyFeeMinor(), t.currency()))
                .orElse("?");
    }
}
