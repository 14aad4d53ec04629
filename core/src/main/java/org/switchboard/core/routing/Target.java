package org.switchboard.core.routing;

import java.util.TreeSet;
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
    final TreeSet<Contact>[] waiting;
    final ReadyAgents[] ready;
    /** Agents whose skills satisfy this step; bounds the stale entries of {@link #ready}. */
    int eligibleAgents;

    @SuppressWarnings("unchecked")
    Target(Queue queue, int step, RoutingStep config) {
        this.queue = queue;
        this.step = step;
        this.config = config;
        this.waiting = new TreeSet[CapacityClass.COUNT];
        this.ready = new ReadyAgents[CapacityClass.COUNT];
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            waiting[c] = new TreeSet<>(Contact.ROUTING_ORDER);
            ready[c] = new ReadyAgents();
        }
    }

    /** How many contacts of the same class wait here ahead of {@code contact} (which need not be here). */
    int countAhead(Contact contact) {
        TreeSet<Contact> set = waiting[contact.capacityIndex()];
        if (set.isEmpty() || Contact.ROUTING_ORDER.compare(set.first(), contact) >= 0) {
            return 0;
        }
        int versusLast = Contact.ROUTING_ORDER.compare(set.last(), contact);
        if (versusLast <= 0) {
            return versusLast < 0 ? set.size() : set.size() - 1;
        }
        return set.headSet(contact, false).size();
    }
}
