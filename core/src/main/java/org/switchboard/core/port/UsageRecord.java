package org.switchboard.core.port;

import org.jspecify.annotations.Nullable;

/**
 * One itemized record of a line, as billing rated it.
 *
 * @param msisdn    the line, {@code +79120000001}
 * @param atMs      when the call, message or session began, epoch ms
 * @param kind      what was used
 * @param peer      the other number of a call or SMS; the access point of a data session; null when unknown
 * @param quantity  seconds of a call, 1 for an SMS, bytes of a data session
 * @param costMinor what it cost, in minor units of {@code currency} (0 when inside the tariff's package)
 * @param currency  ISO 4217 code
 */
public record UsageRecord(
        String msisdn,
        long atMs,
        UsageKind kind,
        @Nullable String peer,
        long quantity,
        long costMinor,
        String currency) {

    public static final int MAX_PEER = 64;

    public UsageRecord {
        if (msisdn == null || msisdn.isBlank() || msisdn.length() > 32) {
            throw new IllegalArgumentException("a usage record's line has 1 to 32 characters");
        }
        if (kind == null) {
            throw new IllegalArgumentException("a usage record has a kind");
        }
        if (peer != null && peer.length() > MAX_PEER) {
            throw new IllegalArgumentException("a usage record's peer has at most " + MAX_PEER + " characters");
        }
        if (quantity < 0 || costMinor < 0) {
            throw new IllegalArgumentException("a usage record's quantity and cost are not negative");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a currency is an ISO 4217 code such as RUB, was " + currency);
        }
    }
}
