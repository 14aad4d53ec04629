package org.switchboard.core.routing;

import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Event;
import org.switchboard.core.model.CapacityClass;
import org.switchboard.core.model.Channel;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;

/**
 * The hot path: brings waiting contacts and available agents together. Work always meets a structure that answers
 * "who is first" in {@code O(log n)}: a contact that becomes routable polls its target's ready heap; an agent that
 * becomes available looks at the heads of the waiting lines it is eligible for (a handful) and takes the best.
 */
final class Matcher {

    private final EngineState state;

    Matcher(EngineState state) {
        this.state = state;
    }

    /** A contact became routable at its target: give it the best available agent, or let it wait. */
    void route(Contact contact) {
        offerOrWait(contact, availableAgentFor(contact));
    }

    /**
     * The best agent available at the contact's target (taken out of the ready heap), or null; never one who rejected
     * the contact (those stay in the heap for other contacts).
     */
    @Nullable
    Agent availableAgentFor(Contact contact) {
        int capacity = contact.capacityIndex();
        ReadyAgents ready = contact.target().ready[capacity];
        Holds holds = contact.holds;
        long nowMs = state.nowMs;
        return holds != null && holds.anyAt(nowMs)
                ? ready.pollAvailable(state.agents, capacity, agent -> holds.holds(agent, nowMs))
                : ready.pollAvailable(state.agents, capacity);
    }

    void offerOrWait(Contact contact, @Nullable Agent agent) {
        if (agent == null) {
            contact.target().waiting[contact.capacityIndex()].add(contact);
            contact.queue.joinedLine(contact, state.nowMs);
            return;
        }
        offer(contact, agent);
        serveAgent(agent);
    }

    /**
     * An agent may have become available: hand it the best waiting contacts it qualifies for while it has
     * capacity, then advertise what capacity remains in the heaps of its targets.
     */
    void serveAgent(Agent agent) {
        if (agent.presence != Presence.READY) {
            return;
        }
        Contact best;
        while ((best = bestWaitingFor(agent)) != null) {
            best.target().waiting[best.capacityIndex()].remove(best);
            offer(best, agent);
        }
        advertise(agent);
    }

    /**
     * Holds of a waiting contact ended: the agents who rejected it a minute ago may take it again, and those who are
     * available now are served (it may be the best contact waiting for one of them); the next hold's end is armed.
     */
    void forgetDeclines(Contact contact) {
        Holds holds = contact.holds;
        if (holds == null || contact.state != ContactState.QUEUED) {
            return;
        }
        for (int agentIndex : holds.release(state.nowMs)) {
            serveAgent(state.agents.get(agentIndex));
        }
        if (holds.isEmpty()) {
            contact.holds = null;
        } else if (contact.state == ContactState.QUEUED) {
            state.timers.arm(holds.nextEndMs(), Timers.Kind.DECLINES_END, contact);
        }
    }

    /** The best contact waiting in the agent's lines that it can take now and has not rejected; null when none. */
    private @Nullable Contact bestWaitingFor(Agent agent) {
        Contact best = null;
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            if (!agent.canTake(c)) {
                continue;
            }
            for (WaitingLine line : agent.linesOf(c)) {
                Contact head = line.first();
                if (head != null && head.holds != null) {
                    head = line.firstNotDeclinedBy(agent, state.nowMs);
                }
                if (head != null && (best == null || Contact.compareRouting(head, best) < 0)) {
                    best = head;
                }
            }
        }
        return best;
    }

    /** Puts the agent, by each target queue's policy, into the ready heaps of every class it can take now. */
    void advertise(Agent agent) {
        for (int c = 0; c < CapacityClass.COUNT; c++) {
            if (!agent.canTake(c)) {
                continue;
            }
            for (Agent.Eligibility eligibility : agent.targets) {
                Target target = eligibility.target();
                target.queue.policy.advertise(target.ready[c], agent, eligibility.score(), target.queue);
                target.ready[c].compactIfBloated(state.agents, target.eligibleAgents);
            }
        }
    }

    /** The offered agent has the contact: accepted at the desk, answered on the phone, or accepted by itself. */
    void connect(Contact contact) {
        contact.state = ContactState.CONNECTED;
        contact.connectedAtMs = state.nowMs;
        contact.version++;
        state.emit(new Event.ContactConnected(
                contact.id, contact.queue.id(), contact.heldBy().config.id(), state.nowMs));
    }

    /**
     * Reserves the contact for the agent, who must accept before the queue's offer timeout; in a queue that accepts
     * by itself, a text or e-mail contact is connected at once.
     */
    void offer(Contact contact, Agent agent) {
        long nowMs = state.nowMs;
        contact.state = ContactState.OFFERED;
        contact.agent = agent;
        contact.lastAgentId = agent.config.id();
        contact.version++;
        agent.load[contact.capacityIndex()]++;
        agent.contacts.add(contact);
        agent.stamp++;
        contact.queue.noteOffer(agent, ++state.offerSeq);
        contact.queue.served(contact, nowMs);
        long deadlineMs = nowMs + contact.queue.config.offerTimeoutSeconds() * 1000L;
        state.timers.arm(deadlineMs, Timers.Kind.OFFER_TIMEOUT, contact);
        state.timers.compactIfBloated(state.contacts.size());
        state.emit(new Event.ContactOffered(
                contact.id, contact.queue.id(), agent.config.id(), contact.channel, deadlineMs, nowMs));
        if (contact.channel == Channel.CALLBACK) {
            contact.dialAttempts++;
            state.emit(new Event.DialOutRequested(
                    contact.id, agent.config.id(), contact.from, contact.dialAttempts, nowMs));
        } else if (contact.queue.config.autoAccept() && contact.channel.capacityClass() != CapacityClass.VOICE) {
            connect(contact); // a call is accepted by the phone answering: it is asked to answer by itself
        }
        state.updateStatus(agent, false);
    }
}
