package org.switchboard.core.routing;

import java.util.Arrays;

/**
 * The agents a waiting contact is held from, each until a minute after its own rejection: a few entries (each needs
 * a rejection), in two parallel arrays by agent index. Ended holds are dropped by {@link #release}.
 */
final class Holds {

    private int[] agents = new int[2];
    private long[] untilMs = new long[2];
    private int size;

    /** Holds the contact from {@code agentIndex} until {@code endMs} (a new rejection moves its end). */
    void hold(int agentIndex, long endMs) {
        for (int i = 0; i < size; i++) {
            if (agents[i] == agentIndex) {
                untilMs[i] = endMs;
                return;
            }
        }
        if (size == agents.length) {
            agents = Arrays.copyOf(agents, size * 2);
            untilMs = Arrays.copyOf(untilMs, size * 2);
        }
        agents[size] = agentIndex;
        untilMs[size++] = endMs;
    }

    /** The same holds, for another contact. */
    Holds copy() {
        Holds copy = new Holds();
        copy.agents = agents.clone();
        copy.untilMs = untilMs.clone();
        copy.size = size;
        return copy;
    }

    /** Whether the contact is held from {@code agentIndex} at {@code nowMs}. */
    boolean holds(int agentIndex, long nowMs) {
        for (int i = 0; i < size; i++) {
            if (agents[i] == agentIndex) {
                return nowMs < untilMs[i];
            }
        }
        return false;
    }

    /** Whether any hold lasts at {@code nowMs}. */
    boolean anyAt(long nowMs) {
        for (int i = 0; i < size; i++) {
            if (nowMs < untilMs[i]) {
                return true;
            }
        }
        return false;
    }

    /** The end of the earliest hold; {@link Long#MAX_VALUE} when there is none. */
    long nextEndMs() {
        long next = Long.MAX_VALUE;
        for (int i = 0; i < size; i++) {
            next = Math.min(next, untilMs[i]);
        }
        return next;
    }

    /** Drops the holds ended at {@code nowMs}; returns their agents' indexes. */
    int[] release(long nowMs) {
        int[] ended = new int[size];
        int count = 0;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (nowMs < untilMs[i]) {
                agents[kept] = agents[i];
                untilMs[kept++] = untilMs[i];
            } else {
                ended[count++] = agents[i];
            }
        }
        size = kept;
        return Arrays.copyOf(ended, count);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    int agentAt(int i) {
        return agents[i];
    }

    long untilAt(int i) {
        return untilMs[i];
    }
}
