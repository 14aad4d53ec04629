package org.switchboard.messaging;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the operator's network writes its subscribers' numbers, so that one subscriber has one MSISDN whatever form an
 * SMSC gives ({@code sms.country-code}, {@code sms.national-number-length}, {@code sms.trunk-prefix}): with the type
 * of number international, or a national number with or without the trunk prefix, it is {@code +} and the
 * international digits; a short number or any other form stays as it came.
 *
 * @param countryCode          the country's calling code, digits (7)
 * @param nationalLength       digits of a national significant number (10)
 * @param trunkPrefix          what a national number is dialled with inside the country (8); empty when none
 */
public record NumberPlan(String countryCode, int nationalLength, String trunkPrefix) {

    /** Russia's plan, where the demo's operator works: +7, ten national digits, 8 before them at home. */
    public static final NumberPlan RUSSIA = new NumberPlan("7", 10, "8");

    static final byte TON_INTERNATIONAL = 1;
    static final byte TON_NATIONAL = 2;

    public NumberPlan {
        Objects.requireNonNull(countryCode, "sms.country-code");
        Objects.requireNonNull(trunkPrefix, "sms.trunk-prefix");
        if (!countryCode.matches("[1-9][0-9]{0,2}")) {
            throw new IllegalArgumentException("sms.country-code must be 1 to 3 digits, not starting with 0");
        }
        if (nationalLength < 4 || nationalLength > 14) {
            throw new IllegalArgumentException("sms.national-number-length must be 4..14, was " + nationalLength);
        }
        if (!trunkPrefix.matches("[0-9]{0,2}")) {
            throw new IllegalArgumentException("sms.trunk-prefix must be 0 to 2 digits");
        }
    }

    /**
     * {@code digits} (with an optional {@code +}) as the one form the center keeps: international when the type of
     * number or its length says it is a subscriber's number of this network's country or of another; else unchanged.
     */
    public String international(String digits, byte typeOfNumber) {
        if (digits.startsWith("+")) {
            return digits;
        }
        if (typeOfNumber == TON_INTERNATIONAL) {
            return "+" + digits;
        }
        @Nullable String national = national(digits, typeOfNumber == TON_NATIONAL);
        return national == null ? digits : "+" + countryCode + national;
    }

    private @Nullable String national(String digits, boolean saidNational) {
        if (digits.length() == nationalLength) {
            return digits;
        }
        if (!trunkPrefix.isEmpty()
                && digits.length() == trunkPrefix.length() + nationalLength
                && digits.startsWith(trunkPrefix)) {
            return digits.substring(trunkPrefix.length());
        }
        if (!saidNational
                && digits.length() == countryCode.length() + nationalLength
                && digits.startsWith(countryCode)) {
            return digits.substring(countryCode.length());
        }
        return null;
    }
}
