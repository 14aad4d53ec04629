package org.switchboard.core.routing;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.QueueRecord;

/** A queue inside the engine: its configuration, its targets (one per routing step) and its running figures. */
final class Queue {

    /** Strict priority when aging is off: one level outweighs ~31 years of waiting. */
    static final long STRICT_PRIORITY_MS = 1_000_000_000_000L;

    QueueConfig config;
    RoutingPolicy policy;
    Target[] targets;
    /** Sum of capacity per class over READY agents who serve this queue: the slots the EWT scales with. */
    final int[] staffedSlots = new int[CapacityClass.COUNT];

    int scheduled;
    /** Per capacity class, the estimator of the waits announced (see docs/metrics.md). */
    final WaitEstimator[] waits = new WaitEstimator[CapacityClass.COUNT];
    /** Per agent index: the sequence number of this queue's last offer to it, for round-robin routing. */
    long[] lastOfferSeq = new long[0];

    Queue(QueueConfig config) {
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            waits[c] = new WaitEstimator(config.plannedAhtSeconds());
        }
        configure(config);
    }

    void configure(QueueConfig newConfig) {
        this.config = newConfig;
        this.policy = RoutingPolicy.of(newConfig.strategy());
        this.targets = new Target[newConfig.steps().size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = new Target(this, i, newConfig.steps().get(i));
        }
    }

    String id() {
        return config.id();
    }

    /** The routing key of a contact entering at {@code atMs}: lower is served first. */
    long contactKey(long atMs, int priority) {
        return atMs - priority * priorityLevelMs();
    }

    /** How much earlier one level of priority puts a contact in line. */
    long priorityLevelMs() {
        return config.priorityAgingSeconds() == 0 ? STRICT_PRIORITY_MS : config.priorityAgingSeconds() * 1000L;
    }

    /** The smoothed handle time of completed voice contacts, seconds. */
    double averageHandleSeconds() {
        return waits[CapacityClass.VOICE.ordinal()].averageHandleSeconds();
    }

    void recordHandleTime(Contact contact, double seconds) {
        waits[contact.capacityIndex()].handled(seconds);
    }

    /** The contact was put in one of this queue's waiting lines. */
    void joinedLine(Contact contact, long nowMs) {
        int c = contact.capacityIndex();
        waits[c].lineChanged(nowMs, waitingOf(c), staffedSlots[c]);
    }

    /** An agent was offered the contact; it waited for that unless it queued in this very instant. */
    void served(Contact contact, long nowMs) {
        int c = contact.capacityIndex();
        waits[c].served(nowMs, nowMs > contact.queuedAtMs, waitingOf(c), staffedSlots[c]);
    }

    /** The contact left the line without an agent: hung up ({@code abandoned}), overflowed, was called back. */
    void leftLine(Contact contact, boolean abandoned, long nowMs) {
        int c = contact.capacityIndex();
        waits[c].left(nowMs, abandoned, waitingOf(c), staffedSlots[c]);
    }

    private int waitingOf(int capacityIndex) {
        int waiting = 0;
        for (Target target : targets) {
            waiting += target.waiting[capacityIndex].size();
        }
        return waiting;
    }

    /**
     * Whether a contact of {@code capacityIndex} arriving now would be offered at once: nobody of its class waits and
     * an agent of the first routing step is free for it (while contacts wait, the engine has offered them every free
     * agent, so the look at the agents is only made when the line is empty).
     */
    boolean takenAtOnce(int capacityIndex, List<Agent> agents) {
        return waitingOf(capacityIndex) == 0 && targets[0].ready[capacityIndex].anyAvailable(agents, capacityIndex);
    }

    /** EWT of the contact at 1-based {@code position} at {@code nowMs}, rounded; null when nobody serves. */
    @Nullable
    Long estimatedWaitSeconds(int position, int capacityIndex, long nowMs) {
        int slots = staffedSlots[capacityIndex];
        if (slots == 0) {
            return null;
        }
        return Math.round(waits[capacityIndex].expectedWaitSeconds(position, nowMs, slots));
    }

    /**
     * The estimates as this queue would give them at {@code nowMs}, frozen: later changes to the queue do not affect
     * them (read models hand them to other threads).
     */
    QueueRecord.WaitEstimate frozenEstimate(long nowMs, List<Agent> agents) {
        int[] slots = staffedSlots.clone();
        boolean[] atOnce = new boolean[CapacityClass.COUNT];
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            atOnce[c] = slots[c] > 0 && takenAtOnce(c, agents);
        }
        WaitEstimator[] frozen = new WaitEstimator[CapacityClass.COUNT];
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            frozen[c] = WaitEstimator.restore(waits[c].state());
        }
        return (position, capacityClass) -> {
            int c = capacityClass.ordinal();
            if (slots[c] == 0) {
                return null;
            }
            return atOnce[c] && position == 1
                    ? Long.valueOf(0) // the first to arrive now is offered at once
                    : Long.valueOf(Math.round(frozen[c].expectedWaitSeconds(position, nowMs, slots[c])));
        };
    }

    long lastOfferTo(Agent agent) {
        return agent.index < lastOfferSeq.length ? lastOfferSeq[agent.index] : 0;
    }

    void noteOffer(Agent agent, long offerSeq) {
        if (agent.index >= lastOfferSeq.length) {
            lastOfferSeq = Arrays.copyOf(lastOfferSeq, Math.max(agent.index + 1, lastOfferSeq.length * 2));
        }
        lastOfferSeq[agent.index] = offerSeq;
    }
}
