package org.switchboard.runtime;

import java.util.List;
import org.switchboard.core.message.Event;

/**
 * Receives the engine's events once they are durable, in order, on the journal writer's thread. Must be quick and
 * must not throw: hand slow work (network pushes) to another thread.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * @param events  a batch of events, oldest first
     * @param replay  true while the journal is being replayed at start-up (rebuild projections, push nothing)
     */
    void onEvents(List<Event> events, boolean replay);
}
