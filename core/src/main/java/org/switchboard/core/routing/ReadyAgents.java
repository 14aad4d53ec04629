package org.switchboard.core.routing;

import java.util.Arrays;
import java.util.List;

/**
 * The agents available to one routing target for one capacity class, best first: a binary min-heap over
 * primitive arrays (no boxing, no per-entry objects). Removal is lazy: an agent that stops being available is not
 * searched for; its entry carries the agent's {@link Agent#stamp} from when it was pushed and is discarded when it
 * reaches the top with a stamp that no longer matches. {@link #compactIfBloated} bounds the stale entries.
 *
 * <p>Order: {@code primary}, then {@code secondary}, then agent index, all ascending. The routing strategy decides
 * what the keys mean (see {@link Queue#readyKey}).
 */
final class ReadyAgents {

    private long[] primary = new long[8];
    private long[] secondary = new long[8];
    private int[] agentIndex = new int[8];
    private int[] stamp = new int[8];
    private int size;

    int size() {
        return size;
    }

    void push(long primaryKey, long secondaryKey, Agent agent) {
        if (size == primary.length) {
            grow();
        }
        primary[size] = primaryKey;
        secondary[size] = secondaryKey;
        agentIndex[size] = agent.index;
        stamp[size] = agent.stamp;
        siftUp(size++);
    }

    /**
     * The best agent that still can take work of {@code capacityIndex}, removed from the heap; stale entries met
     * on the way are dropped. Null when there is none.
     */
    Agent pollAvailable(List<Agent> agents, int capacityIndex) {
        while (size > 0) {
            Agent agent = agents.get(agentIndex[0]);
            boolean fresh = agent.stamp == stamp[0];
            removeTop();
            if (fresh && agent.canTake(capacityIndex)) {
                return agent;
            }
        }
        return null;
    }

    /** Drops stale entries when they outnumber the live ones: keeps memory proportional to the agents. */
    void compactIfBloated(List<Agent> agents, int eligibleAgents) {
        if (size <= 2 * eligibleAgents + 16) {
            return;
        }
        int kept = 0;
        for (int i = 0; i < size; i++) {
            Agent agent = agents.get(agentIndex[i]);
            if (agent.stamp == stamp[i]) {
                move(i, kept++);
            }
        }
        size = kept;
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(i);
        }
    }

    private void removeTop() {
        size--;
        if (size > 0) {
            move(size, 0);
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!less(i, parent)) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int best = left + 1 < size && less(left + 1, left) ? left + 1 : left;
            if (!less(best, i)) {
                return;
            }
            swap(i, best);
            i = best;
        }
    }

    private boolean less(int a, int b) {
        if (primary[a] != primary[b]) {
            return primary[a] < primary[b];
        }
        if (secondary[a] != secondary[b]) {
            return secondary[a] < secondary[b];
        }
        return agentIndex[a] < agentIndex[b];
    }

    private void swap(int a, int b) {
        long p = primary[a];
        long s = secondary[a];
        int x = agentIndex[a];
        int t = stamp[a];
        move(b, a);
        primary[b] = p;
        secondary[b] = s;
        agentIndex[b] = x;
        stamp[b] = t;
    }

    private void move(int from, int to) {
        primary[to] = primary[from];
        secondary[to] = secondary[from];
        agentIndex[to] = agentIndex[from];
        stamp[to] = stamp[from];
    }

    private void grow() {
        int capacity = primary.length * 2;
        primary = Arrays.copyOf(primary, capacity);
        secondary = Arrays.copyOf(secondary, capacity);
        agentIndex = Arrays.copyOf(agentIndex, capacity);
        stamp = Arrays.copyOf(stamp, capacity);
    }
}
