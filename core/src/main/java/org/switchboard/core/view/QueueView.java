package org.switchboard.core.view;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.QueueConfig;

/**
 * A queue's configuration and its real-time state. Immutable.
 *
 * @param waiting              contacts QUEUED now, all channels
 * @param scheduled            callbacks waiting for their time
 * @param oldestQueuedAtMs     when the longest-waiting QUEUED contact was queued, epoch ms; -1 when none waits (its wait
 *                             grows between views: read it with {@link #oldestWaitSecondsAt})
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
        long oldestQueuedAtMs,
        int agentsReady,
        int agentsBusy,
        int agentsWrapUp,
        int agentsNotReady,
        @Nullable Long estimatedWaitSeconds,
        double averageHandleSeconds) {

    /**
     * How long the longest-waiting contact has waited at {@code nowMs}, a reader's time: a view is as of the last
     * change, and in a quiet queue the wait goes on growing without one. 0 when none waits.
     */
    public long oldestWaitSecondsAt(long nowMs) {
        return oldestQueuedAtMs < 0 ? 0 : Math.max(0, (nowMs - oldestQueuedAtMs) / 1000);
    }

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
