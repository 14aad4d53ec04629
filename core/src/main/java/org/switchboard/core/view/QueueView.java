package org.switchboard.core.view;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.QueueConfig;

/**
 * A queue's configuration and its real-time state. Immutable.
 *
 * @param waiting              contacts QUEUED now, all channels
 * @param scheduled            callbacks waiting for their time
 * @param oldestWaitSeconds    how long the longest-waiting QUEUED contact has waited; 0 when none
 * @param agentsReady          qualified agents READY with free capacity
 * @param agentsBusy           qualified agents holding a connected or offered contact
 * @param agentsWrapUp         qualified agents with only wrap-up work
 * @param agentsNotReady       qualified agents logged in but NOT_READY
 * @param estimatedWaitSeconds EWT of a voice contact arriving now; null when no agent is staffed
 * @param averageHandleSeconds the recent handle time the EWT uses
 */
public record QueueView(
        QueueConfig config,
        int waiting,
        int scheduled,
        long oldestWaitSeconds,
        int agentsReady,
        int agentsBusy,
        int agentsWrapUp,
        int agentsNotReady,
        @Nullable Long estimatedWaitSeconds,
        double averageHandleSeconds) {

    /**
     * Whether the queue is within its business hours at {@code atMs}, the view's engine time (always for a queue
     * without hours); a closed queue still routes to whoever is logged in.
     */
    public boolean openAt(long atMs) {
        return config.isOpenAt(atMs);
    }

    /** When the queue opens next, epoch ms, seen from {@code atMs}; null while it is open. */
    public @Nullable Long opensAtMs(long atMs) {
        return config.opensAtMs(atMs);
    }
}
