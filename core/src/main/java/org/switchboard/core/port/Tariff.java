package org.switchboard.core.port;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tariff plan of the operator's catalogue, with its rules.
 *
 * @param name            the plan's name, unique, as subscribers and operators know it ({@code Motiv Smart})
 * @param description     what it includes, one sentence
 * @param monthlyFeeMinor the monthly fee in minor units of {@code currency}
 * @param currency        ISO 4217 code
 * @param changeFeeMinor  what moving to this plan costs once, in minor units of {@code currency} (taken from the
 *                        balance at the change; 0 for a free change)
 * @param services        the services a line on this plan may have, by name; null: every service of the catalogue
 */
public record Tariff(
        String name,
        String description,
        long monthlyFeeMinor,
        String currency,
        long changeFeeMinor,
        @Nullable List<String> services) {

    public Tariff {
        CatalogueItems.check(name, description, monthlyFeeMinor, currency);
        if (changeFeeMinor < 0) {
            throw new IllegalArgumentException("a change fee is not negative, was " + changeFeeMinor);
        }
        if (services != null) {
            services.forEach(CatalogueItems::checkName);
            services = List.copyOf(services);
        }
    }

    /** A plan that any line may move to for free and that allows every service. */
    public Tariff(String name, String description, long monthlyFeeMinor, String currency) {
        this(name, description, monthlyFeeMinor, currency, 0, null);
    }

    /** Whether a line on this plan may have {@code service} connected. */
    public boolean allows(String service) {
        return services == null || services.contains(service);
    }
}
