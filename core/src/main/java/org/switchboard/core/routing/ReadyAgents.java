package org.switchboard.core.routing;

import java.util.List;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.heap.PrimitiveHeap;

/**
 * The agents available to one routing target for one capacity class, best first, on a {@link PrimitiveHeap}.
 * Removal is lazy: an agent that stops being available is not searched for; its entry carries the agent's
 * {@link Agent#stamp} from when it was pushed and is discarded when it reaches the top with a stamp that no longer
 * matches. {@link #compactIfBloated} bounds the stale entries.
 *
 * <p>Order: {@code primary}, then {@code secondary}, then agent index, all ascending. The queue's
 * {@link RoutingPolicy} decides what the keys mean.
 */
final class ReadyAgents {

    private final PrimitiveHeap heap = new PrimitiveHeap(8);

    int size() {
        return heap.size();
    }

    void push(long primaryKey, long secondaryKey, Agent agent) {
        heap.push(primaryKey, secondaryKey, entry(agent.index, agent.stamp));
    }

    /**
     * The best agent that still can take work of {@code capacityIndex}, removed from the heap; stale entries met
     * on the way are dropped. Null when there is none.
     */
    @Nullable
    Agent pollAvailable(List<Agent> agents, int capacityIndex) {
        while (!heap.isEmpty()) {
            long entry = heap.topPayload();
            heap.removeTop();
            Agent agent = agents.get(indexOf(entry));
            if (agent.stamp == stampOf(entry) && agent.canTake(capacityIndex)) {
                return agent;
            }
        }
        return null;
    }

    /**
     * As {@link #pollAvailable(List, int)}, passing over the agents {@code passedOver} names (by {@link Agent#index}):
     * their entries are put back as they were, so they stay first for other contacts.
     */
    @Nullable
    Agent pollAvailable(List<Agent> agents, int capacityIndex, IntPredicate passedOver) {
        PrimitiveHeap kept = null;
        Agent found = null;
        while (found == null && !heap.isEmpty()) {
            long primary = heap.topFirst();
            long secondary = heap.topSecond();
            long entry = heap.topPayload();
            heap.removeTop();
            Agent agent = agents.get(indexOf(entry));
            if (agent.stamp != stampOf(entry) || !agent.canTake(capacityIndex)) {
                continue;
            }
            if (!passedOver.test(agent.index)) {
                found = agent;
            } else {
                if (kept == null) {
                    kept = new PrimitiveHeap(4);
                }
                kept.push(primary, secondary, entry);
            }
        }
        if (kept != null) {
            kept.forEach((primary, secondary, entry) -> {
                heap.push(primary, secondary, entry);
                return true;
            });
        }
        return found;
    }

    /** Whether an agent here can take work of {@code capacityIndex} now; looks without dropping stale entries. */
    boolean anyAvailable(List<Agent> agents, int capacityIndex) {
        return heap.anyMatch((primary, secondary, entry) -> {
            Agent agent = agents.get(indexOf(entry));
            return agent.stamp == stampOf(entry) && agent.canTake(capacityIndex);
        });
    }

    /** Drops stale entries when they outnumber the live ones: keeps memory proportional to the agents. */
    void compactIfBloated(List<Agent> agents, int eligibleAgents) {
        if (heap.size() <= 2 * eligibleAgents + 16) {
            return;
        }
        heap.retainIf((primary, secondary, entry) -> agents.get(indexOf(entry)).stamp == stampOf(entry));
    }

    /** Calls {@code visitor} with every entry (stale ones too), in storage order: for snapshots. */
    void forEach(PrimitiveHeap.EntryFilter visitor) {
        heap.forEach(visitor);
    }

    /** Restores an entry exactly as {@link #forEach} showed it. */
    void restore(long primaryKey, long secondaryKey, long entry) {
        heap.push(primaryKey, secondaryKey, entry);
    }

    private static long entry(int agentIndex, int stamp) {
        return (long) agentIndex << 32 | (stamp & 0xFFFF_FFFFL);
    }

    private static int indexOf(long entry) {
        return (int) (entry >>> 32);
    }

    private static int stampOf(long entry) {
        return (int) entry;
    }
}
