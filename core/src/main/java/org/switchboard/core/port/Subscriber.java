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
 */
public record Subscriber(
        String msisdn, String name, String tariff, long balanceMinor, String currency, List<String> services) {

    public Subscriber {
        services = List.copyOf(services);
    }
}
