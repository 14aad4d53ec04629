package org.switchboard.selfservice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.LongSupplier;
import org.switchboard.core.port.ServiceMessages;
import org.switchboard.core.port.UsageKind;
import org.switchboard.core.port.UsageRecords;

/** "Spending by SMS" from the USSD menu: this month's itemized totals (the center's days), sent as a text. */
public final class UssdSpending {

    /** At most one spending text a number in this time: each is an SMS the operator pays for. */
    static final long INTERVAL_MS = 10 * 60_000L;

    /** When each number last got one (the most recent 100,000 numbers). */
    private final Map<String, Long> lastSent = new java.util.LinkedHashMap<>(1_024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > 100_000;
        }
    };

    private final UsageRecords usage;
    private final ServiceMessages messages;
    private final ZoneId zone;
    private final LongSupplier clock;

    public UssdSpending(UsageRecords usage, ServiceMessages messages, ZoneId zone, LongSupplier clock) {
        this.usage = usage;
        this.messages = messages;
        this.zone = zone;
        this.clock = clock;
    }

    /** The totals of the month so far, per kind. */
    record Summary(
            String since,
            long callSeconds,
            long callCostMinor,
            long messages,
            long messageCostMinor,
            long dataBytes,
            long dataCostMinor) {}

    Summary thisMonth(String msisdn) {
        long nowMs = clock.getAsLong();
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(nowMs), zone).withDayOfMonth(1);
        Map<UsageKind, UsageRecords.Total> totals =
                usage.totals(msisdn, first.atStartOfDay(zone).toInstant().toEpochMilli(), nowMs + 1);
        UsageRecords.Total none = new UsageRecords.Total(0, 0, 0);
        UsageRecords.Total calls = totals.getOrDefault(UsageKind.CALL, none);
        UsageRecords.Total sms = totals.getOrDefault(UsageKind.SMS, none);
        UsageRecords.Total data = totals.getOrDefault(UsageKind.DATA, none);
        return new Summary(
                first.toString(),
                calls.quantity(),
                calls.costMinor(),
                sms.count(),
                sms.costMinor(),
                data.quantity(),
                data.costMinor());
    }

    /** Sends the text unless one went to the number in the last {@link #INTERVAL_MS}; false when none went. */
    boolean send(String msisdn, String text) {
        long now = clock.getAsLong();
        synchronized (lastSent) {
            Long last = lastSent.get(msisdn);
            if (last != null && now - last < INTERVAL_MS) {
                return false;
            }
            lastSent.put(msisdn, now);
        }
        return messages.send(msisdn, text);
    }
}
