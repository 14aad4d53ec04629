package org.switchboard.core.routing;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.switchboard.core.message.Command;
import org.switchboard.core.message.Outcome;
import org.switchboard.core.message.Rejection;
import org.switchboard.core.model.ContactState;
import org.switchboard.core.model.Presence;

/**
 * Agents' presence: logging in, going ready, breaks, logging out, and what a missed offer does to an agent (RONA:
 * the agent goes NOT_READY and the contact returns to its place). Presence changes adjust the queues' staffing,
 * which the wait estimates count.
 */
final class AgentDesk {

    private final EngineState state;
    private final ContactFlow flow;
    private final Matcher matcher;

    AgentDesk(EngineState state, ContactFlow flow, Matcher matcher) {
        this.state = state;
        this.flow = flow;
        this.matcher = matcher;
    }

    Outcome changePresence(Command.ChangePresence command) {
        Agent agent = state.agentsById.get(command.agentId());
        if (agent == null) {
            return RoutingEngine.reject(Rejection.notFound("no agent '" + command.agentId() + "'"));
        }
        Presence target = command.presence();
        if (target == null) {
            return RoutingEngine.reject(Rejection.invalid("presence is required: READY, NOT_READY or LOGGED_OUT"));
        }
        if (target == Presence.LOGGED_OUT && agent.connectedCount() > 0) {
            return RoutingEngine.reject(Rejection.illegalState("agent '" + agent.config.id() + "' has "
                    + agent.connectedCount() + " connected contact(s); complete them before logging out"));
        }
        String reason = target == Presence.NOT_READY ? EngineState.reasonOr(command.reason(), "not ready") : null;
        if (target == agent.presence && Objects.equals(reason, agent.reason)) {
            return Outcome.Accepted.PLAIN;
        }
        setPresence(agent, target, reason);
        if (target == Presence.LOGGED_OUT) {
            leaveConsultation(agent, "the colleague logged out");
            releaseAll(agent, "agent logged out");
        }
        matcher.serveAgent(agent);
        return Outcome.Accepted.PLAIN;
    }

    void setPresence(Agent agent, Presence presence, @Nullable String reason) {
        agent.setStaffed(false);
        boolean becameReady = presence == Presence.READY && agent.presence != Presence.READY;
        agent.presence = presence;
        agent.reason = reason;
        if (becameReady) {
            agent.idleSinceMs = state.nowMs;
        }
        agent.setStaffed(true);
        agent.stamp++;
        state.updateStatus(agent, true);
    }

    /** RONA and rejection: the agent goes NOT_READY, the contact returns to its place. */
    void missedOffer(Contact contact, String why) {
        Agent agent = contact.heldBy();
        setPresence(agent, Presence.NOT_READY, why.equals(ContactFlow.REJECTED) ? "rejected offer" : "no answer");
        flow.requeue(contact, why);
        matcher.serveAgent(agent);
    }

    /** After a restart no session survived: every agent is logged out. */
    void logOutEveryone() {
        for (Agent agent : state.agents) {
            if (agent.presence != Presence.LOGGED_OUT) {
                setPresence(agent, Presence.LOGGED_OUT, null);
            }
            leaveConsultation(agent, "the center restarted");
        }
    }

    /** A colleague consulted about a call leaves: the consultation ends, and the caller's agent goes on alone. */
    private void leaveConsultation(Agent agent, String reason) {
        Contact consulted = agent.consultation;
        if (consulted != null) {
            flow.endConsultation(consulted, reason, false);
        }
    }

    /** Takes back offers (requeued) and closes wrap-ups of an agent that leaves. */
    private void releaseAll(Agent agent, String reason) {
        for (Contact contact : List.copyOf(agent.contacts)) {
            switch (contact.state) {
                case OFFERED, CONNECTED -> flow.requeue(contact, reason);
                case WRAP_UP -> flow.finish(contact, ContactState.COMPLETED, reason);
                default -> throw new IllegalStateException("agent holds a " + contact.state + " contact");
            }
        }
    }
}
