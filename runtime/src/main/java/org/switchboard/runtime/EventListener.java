package org.switchboard.runtime;

import java.util.List;
import org.switchboard.core.message.Event;

/**
 * Receives the engine's events once they are durable, in order, on the journal writer's thread. Must be quick and
 * must not throw: hand slow work (network pushes) to another thread.
 *
 * <p>Events are numbered: the first event the journal ever caused is 1, and replaying the journal numbers every
 * event the same way again (the engine is deterministic), so a number names one event across restarts. A
 * subscriber that lost its connection can ask for the events after the last number it saw.
 */
@FunctionalInterface
public interface EventListener {

    /**
     * Called with each durable batch of events, in journal order.
     *
     * @param events  a batch of events, oldest first
     * @param replay  true while the journal is being replayed at start-up (rebuild projections, push nothing)
     */
    void onEvents(List<Event> events, boolean replay);

    /**
     * The same, with the number of the batch's first event; the others follow without gaps. Implement this one
     * to use the numbers; by default it forgets them.
     */
    default void onEvents(List<Event> events, long firstSeq, boolean replay) {
        onEvents(events, replay);
    }
}
