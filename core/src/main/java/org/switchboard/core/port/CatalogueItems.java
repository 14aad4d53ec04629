package org.switchboard.core.port;

/** The rules every item of the catalogue follows. */
final class CatalogueItems {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;

    private CatalogueItems() {}

    static void check(String name, String description, long monthlyFeeMinor, String currency) {
        checkName(name);
        if (description == null || description.length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("a description has at most " + MAX_DESCRIPTION + " characters");
        }
        if (monthlyFeeMinor < 0) {
            throw new IllegalArgumentException("a monthly fee is not negative, was " + monthlyFeeMinor);
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a currency is an ISO 4217 code such as RUB, was " + currency);
        }
    }

    static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("a catalogue item's name has 1 to " + MAX_NAME + " characters");
        }
    }
}
