package org.switchboard.core.routing;

import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.RoutingStep;

/**
 * One routing step of one queue: the contacts waiting at that step and the agents who may take them, both split
 * by capacity class so that a head of line is always something the agent could take.
 */
final class Target {

    final Queue queue;
    final int step;
    final RoutingStep config;
    final WaitingLine[] waiting;
    final ReadyAgents[] ready;
    /** Agents whose skills satisfy this step; bounds the stale entries of {@link #ready}. */
    int eligibleAgents;

    Target(Queue queue, int step, RoutingStep config) {
        this.queue = queue;
        this.step = step;
        this.config = config;
        this.waiting = new WaitingLine[CapacityClass.COUNT];
        this.ready = new ReadyAgents[CapacityClass.COUNT];
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            waiting[c] = new WaitingLine();
            ready[c] = new ReadyAgents();
        }
    }

    /** How many contacts of the same class wait here ahead of {@code contact} (which need not be here). */
    int countAhead(Contact contact) {
        return waiting[contact.capacityIndex()].countAhead(contact);
    }
}
