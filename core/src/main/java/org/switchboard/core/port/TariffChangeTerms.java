package org.switchboard.core.port;

import java.util.List;

/**
 * What moving a line to another tariff costs and takes away, by the catalogue's rules: shown before the subscriber or
 * the operator confirms, and applied by the registry in the change's transaction.
 *
 * @param tariff       the plan moved to
 * @param feeMinor     the one-off fee taken from the balance, in minor units of the tariff's currency
 * @param disconnected the line's services the new plan does not allow: disconnected by the change
 */
public record TariffChangeTerms(Tariff tariff, long feeMinor, List<String> disconnected) {

    public TariffChangeTerms {
        disconnected = List.copyOf(disconnected);
    }

    /** The terms of moving {@code subscriber} to {@code tariff}. */
    public static TariffChangeTerms of(Subscriber subscriber, Tariff tariff) {
        return new TariffChangeTerms(
                tariff,
                tariff.changeFeeMinor(),
                subscriber.services().stream().filter(s -> !tariff.allows(s)).toList());
    }

    /** Whether the subscriber's balance covers the fee. */
    public boolean affordableBy(Subscriber subscriber) {
        return subscriber.balanceMinor() >= feeMinor;
    }
}
