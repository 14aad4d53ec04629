package org.switchboard.core.routing;

import java.util.Arrays;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.QueueConfig;
import org.switchboard.core.view.QueueRecord;

/** A queue inside the engine: its configuration, its targets (one per routing step) and its running figures. */
final class Queue {

    /** Strict priority when aging is off: one level outweighs ~31 years of waiting. */
    static final long STRICT_PRIORITY_MS = 1_000_000_000_000L;
    private static final double AHT_SMOOTHING = 1.0 / 50;

    QueueConfig config;
    RoutingPolicy policy;
    Target[] targets;
    /** Sum of capacity per class over READY agents who serve this queue: the servers of the EWT formula. */
    final int[] staffedSlots = new int[CapacityClass.COUNT];
    int scheduled;
    /** Exponentially smoothed handle time (talk + wrap-up) in seconds, seeded with the planned AHT. */
    double averageHandleSeconds;
    /** Per agent index: the sequence number of this queue's last offer to it, for round-robin routing. */
    long[] lastOfferSeq = new long[0];

    Queue(QueueConfig config) {
        this.averageHandleSeconds = config.plannedAhtSeconds();
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
        long levelMs = config.priorityAgingSeconds() == 0 ? STRICT_PRIORITY_MS : config.priorityAgingSeconds() * 1000L;
        return atMs - priority * levelMs;
    }

    void recordHandleTime(double seconds) {
        averageHandleSeconds += AHT_SMOOTHING * (seconds - averageHandleSeconds);
    }

    /** EWT of the contact at 1-based {@code position}: k × AHT / servers, rounded; null when nobody serves. */
    Long estimatedWaitSeconds(int position, int capacityIndex) {
        int servers = staffedSlots[capacityIndex];
        if (servers == 0) {
            return null;
        }
        return Math.round(position * averageHandleSeconds / servers);
    }

    /** The estimator as it stands now, frozen: later changes to this queue do not affect it. */
    QueueRecord.WaitEstimate frozenEstimate() {
        int[] servers = staffedSlots.clone();
        double aht = averageHandleSeconds;
        return (position, capacityClass) -> {
            int n = servers[capacityClass.ordinal()];
            return n == 0 ? null : Long.valueOf(Math.round(position * aht / n));
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
