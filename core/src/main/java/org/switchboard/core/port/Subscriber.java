package org.switchboard.core.port;

import java.util.List;

/**
 * A subscriber of the mobile operator as the center sees it.
 *
 * @param msisdn       the phone number in international form, {@code +79120000001}
 * @param name         the subscriber's name
 * @param tariff       the current tariff plan
 * @param balanceMinor balance in minor units of {@code currency} (kopecks)
 * @param currency     ISO 4217 code
 * @param services     services connected to the line
 * @param language     the language the subscriber is spoken to in: a lower-case code such as {@code ru} or {@code en}
 */
public record Subscriber(
        String msisdn,
        String name,
        String tariff,
        long balanceMinor,
        String currency,
        List<String> services,
        String language) {

    /** The language of subscribers who never chose one. */
    public static final String DEFAULT_LANGUAGE = "ru";

    public Subscriber {
        services = List.copyOf(services);
        if (language == null || !language.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("a subscriber's language is a code such as ru or en, was " + language);
        }
    }
}
