package org.switchboard.core.port;

/**
 * A tariff plan of the operator's catalogue.
 *
 * @param name            the plan's name, unique, as subscribers and operators know it ({@code Motiv Smart})
 * @param description     what it includes, one sentence
 * @param monthlyFeeMinor the monthly fee in minor units of {@code currency}
 * @param currency        ISO 4217 code
 */
public record Tariff(String name, String description, long monthlyFeeMinor, String currency) {

    public Tariff {
        CatalogueItems.check(name, description, monthlyFeeMinor, currency);
    }
}
