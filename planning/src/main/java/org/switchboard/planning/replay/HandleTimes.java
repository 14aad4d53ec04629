package org.switchboard.planning.replay;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.switchboard.core.port.Planning.LoggedCall;

/**
 * The handle times of a log's answered calls, by queue and hour of day: where a replay draws a handle time for a
 * call the log shows abandoned (it never talked) but the replay answers. A draw takes one of the answered calls of
 * the same queue and hour at random; of the same queue when that hour had none; of the whole log when the queue had
 * none.
 */
final class HandleTimes {

    private final long[][][] byQueueAndHour;
    private final long[][] byQueue;
    private final long[] all;
    private final ZoneId zone;

    /** {@code queueOfCall[i]}: the index (0 until {@code queues}) of the queue of call i. */
    HandleTimes(List<LoggedCall> calls, int[] queueOfCall, int queues, ZoneId zone) {
        this.zone = zone;
        int[][] counts = new int[queues][24];
        for (int i = 0; i < queueOfCall.length; i++) {
            LoggedCall call = calls.get(i);
            if (call.answered()) {
                counts[queueOfCall[i]][hourOf(call.arrivedAtMs())]++;
            }
        }
        byQueueAndHour = new long[queues][24][];
        byQueue = new long[queues][];
        int[][] filled = new int[queues][24];
        int[] filledOfQueue = new int[queues];
        int total = 0;
        for (int q = 0; q < queues; q++) {
            int ofQueue = 0;
            for (int h = 0; h < 24; h++) {
                byQueueAndHour[q][h] = new long[counts[q][h]];
                ofQueue += counts[q][h];
            }
            byQueue[q] = new long[ofQueue];
            total += ofQueue;
        }
        all = new long[total];
        int next = 0;
        for (int i = 0; i < queueOfCall.length; i++) {
            LoggedCall call = calls.get(i);
            if (call.answered()) {
                int q = queueOfCall[i];
                int h = hourOf(call.arrivedAtMs());
                long handleMs = Math.round(
                        Objects.requireNonNull(call.handleSeconds(), "an answered call has handle_seconds") * 1000);
                byQueueAndHour[q][h][filled[q][h]++] = handleMs;
                byQueue[q][filledOfQueue[q]++] = handleMs;
                all[next++] = handleMs;
            }
        }
        boolean anyAbandoned = calls.stream().anyMatch(call -> !call.answered());
        if (total == 0 && anyAbandoned) {
            throw new IllegalArgumentException(
                    "the call log has no answered call to learn handle times from; a replay needs some");
        }
    }

    /** A handle time for a call of queue {@code q} arriving at {@code atMs}, ms. */
    long draw(int q, long atMs, SplittableRandom random) {
        long[] from = byQueueAndHour[q][hourOf(atMs)];
        if (from.length == 0) {
            from = byQueue[q].length > 0 ? byQueue[q] : all;
        }
        return from[random.nextInt(from.length)];
    }

    /** The mean handle time of queue {@code q}'s answered calls (of the log's when it has none), seconds; 180 when none. */
    double meanSeconds(int q) {
        long[] of = byQueue[q].length > 0 ? byQueue[q] : all;
        if (of.length == 0) {
            return 180;
        }
        double sum = 0;
        for (long ms : of) {
            sum += ms;
        }
        return sum / of.length / 1000;
    }

    private int hourOf(long atMs) {
        return Instant.ofEpochMilli(atMs).atZone(zone).getHour();
    }
}
