package org.switchboard.core.view;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.QueueConfig;

/**
 * A queue's configuration and the running figures that do not depend on single contacts: what read models are
 * built from. Immutable.
 *
 * @param scheduled            callbacks waiting for their time
 * @param averageHandleSeconds the recent handle time the wait estimates use
 * @param waitEstimate         the queue's estimator as it stands, frozen
 */
public record QueueRecord(QueueConfig config, int scheduled, double averageHandleSeconds, WaitEstimate waitEstimate) {

    /** A frozen wait estimator: the EWT of a contact at a position, as the engine would tell it now. */
    @FunctionalInterface
    public interface WaitEstimate {

        /** Seconds a contact at 1-based {@code position} of {@code capacityClass} can expect to wait; null if unknown. */
        @Nullable
        Long secondsAt(int position, CapacityClass capacityClass);
    }
}
