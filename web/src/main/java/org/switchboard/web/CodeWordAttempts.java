package org.switchboard.web;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.switchboard.core.time.Clock;

/**
 * Counts failed code-word checks per subscriber line: after {@code maxFailures} failures within {@code windowMs}
 * further checks are refused until the oldest failure leaves the window, so a code word cannot be guessed by
 * trying. A correct code word clears the count. Thread-safe; in memory, per server.
 */
final class CodeWordAttempts {

    private final Clock clock;
    private final int maxFailures;
    private final long windowMs;
    private final Map<String, Deque<Long>> failuresByMsisdn = new ConcurrentHashMap<>();

    CodeWordAttempts(Clock clock, int maxFailures, long windowMs) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
    }

    /** Whether checks for {@code msisdn} are refused now. */
    boolean blocked(String msisdn) {
        long now = clock.nowInMs();
        Deque<Long> failures = failuresByMsisdn.computeIfPresent(msisdn, (k, times) -> prune(times, now));
        return failures != null && failures.size() >= maxFailures;
    }

    void failed(String msisdn) {
        long now = clock.nowInMs();
        failuresByMsisdn.compute(msisdn, (k, times) -> {
            Deque<Long> kept = times == null ? null : prune(times, now);
            Deque<Long> updated = kept == null ? new ArrayDeque<>() : kept;
            updated.addLast(now);
            return updated;
        });
    }

    void succeeded(String msisdn) {
        failuresByMsisdn.remove(msisdn);
    }

    /** Drops failures older than the window; null (removing the entry) when none remain. */
    private Deque<Long> prune(Deque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMs) {
            times.removeFirst();
        }
        return times.isEmpty() ? null : times;
    }
}
