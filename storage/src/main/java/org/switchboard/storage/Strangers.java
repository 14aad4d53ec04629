package org.switchboard.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong sign-ins as names (or numbers) that have no password here, counted in memory with the same limit and lock as
 * real ones: a name that never locked would tell a guesser it does not exist. The most recent {@value #REMEMBERED} are
 * remembered. Thread-safe.
 */
final class Strangers {

    static final int REMEMBERED = 10_000;

    /** A counted attempt: failures so far (this one included), and the lock in force (0: none). */
    record Attempt(int failures, long lockedUntilMs) {}

    /** A lock: until when, and whether this attempt set it. */
    record Lock(long untilMs, boolean justLocked) {}

    private final long lockMs;
    /** Name to {failures, locked until}. */
    private final LinkedHashMap<String, long[]> byName = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > REMEMBERED;
        }
    };

    Strangers(long lockMs) {
        this.lockMs = lockMs;
    }

    /** Counts one attempt, unless a lock is in force (then it is said and nothing counted). */
    synchronized Attempt attempt(String name, long nowMs) {
        long[] seen = byName.computeIfAbsent(name, n -> new long[2]);
        if (seen[1] > nowMs) {
            return new Attempt((int) seen[0], seen[1]);
        }
        if (seen[1] != 0) {
            seen[0] = 0; // the lock ran out: a fresh start
            seen[1] = 0;
        }
        seen[0]++;
        return new Attempt((int) seen[0], 0);
    }

    /** Locks the name (its attempts reached the limit), or says the lock already in force. */
    synchronized Lock lock(String name, long nowMs) {
        long[] seen = byName.computeIfAbsent(name, n -> new long[2]);
        if (seen[1] > nowMs) {
            return new Lock(seen[1], false);
        }
        seen[1] = nowMs + lockMs;
        return new Lock(seen[1], true);
    }
}
