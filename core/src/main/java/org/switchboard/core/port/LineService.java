package org.switchboard.core.port;

/**
 * A service a subscriber's line can have connected (mobile internet, caller ID, roaming...), from the catalogue.
 *
 * @param name            the service's name, unique ({@code GPRS Internet})
 * @param description     what it does, one sentence
 * @param monthlyFeeMinor the monthly fee in minor units of {@code currency}
 * @param currency        ISO 4217 code
 */
public record LineService(String name, String description, long monthlyFeeMinor, String currency) {

    public LineService {
        CatalogueItems.check(name, description, monthlyFeeMinor, currency);
    }
}
