package org.switchboard.core.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.BusinessHours;
import org.switchboard.core.model.OpeningRange;
import org.switchboard.core.model.ServiceLevelTarget;

/**
 * The statistics projection's whole state as bytes, and back, for snapshots: the queues' thresholds and hours,
 * every tally kept, and every live contact with the tallies it counts in (written as references to them, so that
 * after a restore a contact's answer lands in the very tally it would have). A restored projection counts every
 * later event exactly as the original would ({@code StatisticsSnapshotTest}).
 */
public final class StatisticsSnapshot {

    /** The layout this class writes. */
    public static final int FORMAT = 1;

    private static final int MAGIC = 0x53425354; // "SBST"
    private static final int NONE = -1;

    private StatisticsSnapshot() {}

    public static void write(Statistics statistics, DataOutput out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(FORMAT);
        out.writeInt(statistics.thresholds().size());
        for (Map.Entry<String, Long> threshold : statistics.thresholds().entrySet()) {
            string(out, threshold.getKey());
            out.writeLong(threshold.getValue());
        }
        out.writeInt(statistics.hours().size());
        for (Map.Entry<String, @Nullable BusinessHours> hours :
                statistics.hours().entrySet()) {
            string(out, hours.getKey());
            hours(out, hours.getValue());
        }
        Map<Tally, Integer> numbers = new IdentityHashMap<>();
        writeLedger(out, statistics.queueLedger(), numbers);
        writeLedger(out, statistics.agentLedger(), numbers);
        out.writeInt(statistics.live().size());
        for (Map.Entry<UUID, LiveContact> entry : statistics.live().entrySet()) {
            out.writeLong(entry.getKey().getMostSignificantBits());
            out.writeLong(entry.getKey().getLeastSignificantBits());
            writeContact(out, entry.getValue(), numbers);
        }
    }

    /** A projection in the written state; {@code serviceLevelOfQueue} and {@code zone} as its constructor takes. */
    public static Statistics read(DataInput in, Function<String, ServiceLevelTarget> serviceLevelOfQueue, ZoneId zone)
            throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a statistics snapshot");
        }
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("statistics snapshot format " + format + " is not one this release reads");
        }
        Statistics statistics = new Statistics(serviceLevelOfQueue, zone);
        int thresholds = count(in);
        for (int i = 0; i < thresholds; i++) {
            statistics.thresholds().put(string(in), in.readLong());
        }
        int hours = count(in);
        for (int i = 0; i < hours; i++) {
            statistics.hours().put(string(in), hours(in));
        }
        List<Tally> tallies = new ArrayList<>();
        readLedger(in, statistics.queueLedger(), tallies);
        readLedger(in, statistics.agentLedger(), tallies);
        int live = count(in);
        for (int i = 0; i < live; i++) {
            UUID id = new UUID(in.readLong(), in.readLong());
            statistics.live().put(id, readContact(in, tallies));
        }
        return statistics;
    }

    private static void writeLedger(DataOutput out, Ledger ledger, Map<Tally, Integer> numbers) throws IOException {
        List<Object[]> entries = new ArrayList<>();
        ledger.forEach((subject, start, tally) -> entries.add(new Object[] {subject, start, tally}));
        out.writeInt(entries.size());
        for (Object[] entry : entries) {
            Tally tally = (Tally) entry[2];
            numbers.put(tally, numbers.size());
            string(out, (String) entry[0]);
            out.writeLong((Long) entry[1]);
            for (long figure : figures(tally)) {
                out.writeLong(figure);
            }
        }
    }

    private static void readLedger(DataInput in, Ledger ledger, List<Tally> tallies) throws IOException {
        int entries = count(in);
        for (int i = 0; i < entries; i++) {
            String subject = string(in);
            long start = in.readLong();
            Tally tally = new Tally();
            tally.offered = in.readLong();
            tally.answered = in.readLong();
            tally.answeredWithinThreshold = in.readLong();
            tally.delayed = in.readLong();
            tally.abandoned = in.readLong();
            tally.shortAbandoned = in.readLong();
            tally.transferred = in.readLong();
            tally.callbacksRequested = in.readLong();
            tally.callbacksCompleted = in.readLong();
            tally.handled = in.readLong();
            tally.totalAnswerWaitMs = in.readLong();
            tally.totalHandleMs = in.readLong();
            tally.totalWrapUpMs = in.readLong();
            tally.longestWaitMs = in.readLong();
            ledger.restore(subject, start, tally);
            tallies.add(tally);
        }
    }

    private static long[] figures(Tally t) {
        return new long[] {
            t.offered,
            t.answered,
            t.answeredWithinThreshold,
            t.delayed,
            t.abandoned,
            t.shortAbandoned,
            t.transferred,
            t.callbacksRequested,
            t.callbacksCompleted,
            t.handled,
            t.totalAnswerWaitMs,
            t.totalHandleMs,
            t.totalWrapUpMs,
            t.longestWaitMs
        };
    }

    private static void writeContact(DataOutput out, LiveContact c, Map<Tally, Integer> numbers) throws IOException {
        out.writeBoolean(c.callback);
        out.writeBoolean(c.businessClock);
        out.writeBoolean(c.hours != null);
        if (c.hours != null) {
            hours(out, c.hours);
        }
        out.writeInt(numberOf(c.queueTally, numbers));
        out.writeLong(c.queuedAtMs);
        out.writeLong(c.thresholdMs);
        out.writeBoolean(c.answered);
        out.writeLong(c.connectedAtMs);
        out.writeLong(c.wrapUpStartedAtMs);
        out.writeInt(numberOf(c.agentTally, numbers));
    }

    /** The number a tally was written under; every tally a live contact holds is in a ledger. */
    private static int numberOf(@Nullable Tally tally, Map<Tally, Integer> numbers) {
        if (tally == null) {
            return NONE;
        }
        Integer number = numbers.get(tally);
        if (number == null) {
            throw new IllegalStateException("a live contact holds a tally that no ledger has");
        }
        return number;
    }

    private static LiveContact readContact(DataInput in, List<Tally> tallies) throws IOException {
        LiveContact c = new LiveContact(in.readBoolean(), in.readBoolean());
        c.hours = in.readBoolean() ? hours(in) : null;
        c.queueTally = tally(in.readInt(), tallies);
        c.queuedAtMs = in.readLong();
        c.thresholdMs = in.readLong();
        c.answered = in.readBoolean();
        c.connectedAtMs = in.readLong();
        c.wrapUpStartedAtMs = in.readLong();
        c.agentTally = tally(in.readInt(), tallies);
        return c;
    }

    private static @Nullable Tally tally(int number, List<Tally> tallies) throws IOException {
        if (number == NONE) {
            return null;
        }
        if (number < 0 || number >= tallies.size()) {
            throw new IOException("a live contact names a tally the snapshot does not hold");
        }
        return tallies.get(number);
    }

    private static void hours(DataOutput out, @Nullable BusinessHours hours) throws IOException {
        out.writeBoolean(hours != null);
        if (hours == null) {
            return;
        }
        string(out, hours.timeZone());
        out.writeInt(hours.week().size());
        for (Map.Entry<DayOfWeek, List<OpeningRange>> day : hours.week().entrySet()) {
            out.writeByte(day.getKey().getValue());
            ranges(out, day.getValue());
        }
        out.writeInt(hours.holidays().size());
        for (Map.Entry<String, List<OpeningRange>> holiday : hours.holidays().entrySet()) {
            string(out, holiday.getKey());
            ranges(out, holiday.getValue());
        }
    }

    private static @Nullable BusinessHours hours(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        String zone = string(in);
        Map<DayOfWeek, List<OpeningRange>> week = new LinkedHashMap<>();
        int days = count(in);
        for (int i = 0; i < days; i++) {
            week.put(DayOfWeek.of(in.readByte()), ranges(in));
        }
        Map<String, List<OpeningRange>> holidays = new LinkedHashMap<>();
        int dates = count(in);
        for (int i = 0; i < dates; i++) {
            holidays.put(string(in), ranges(in));
        }
        return new BusinessHours(zone, week, holidays);
    }

    private static void ranges(DataOutput out, List<OpeningRange> ranges) throws IOException {
        out.writeInt(ranges.size());
        for (OpeningRange range : ranges) {
            string(out, range.from());
            string(out, range.to());
        }
    }

    private static List<OpeningRange> ranges(DataInput in) throws IOException {
        int count = count(in);
        List<OpeningRange> ranges = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ranges.add(new OpeningRange(string(in), string(in)));
        }
        return ranges;
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("a negative count: not a statistics snapshot");
        }
        return n;
    }

    private static void string(DataOutput out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String string(DataInput in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 1 << 20) {
            throw new IOException("a string of " + length + " bytes: not a statistics snapshot");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
